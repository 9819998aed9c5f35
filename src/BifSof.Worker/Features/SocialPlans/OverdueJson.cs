using System.Text.Json;
using System.Text.Json.Serialization;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// <c>overdue --json</c> exactly as docs/cli.md gives it: an array of <c>{"sofCaseNumber", "team", "teamEmail",
/// "kind": "offer" | "production" | "followUp", "dueDate": "YYYY-MM-DD", "daysOverdue", "greenLine"}</c>, in the
/// order <see cref="OverdueCases.ListAsync"/> returns.
/// </summary>
public static class OverdueJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonOutput.Compact)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Serialize(IReadOnlyList<OverdueCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return JsonSerializer.Serialize(cases, Options);
    }
}
