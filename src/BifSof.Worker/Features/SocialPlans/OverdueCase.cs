using System.Text.Json.Serialization;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// One overdue social action plan as of a day: the shape of <c>overdue --json</c> (docs/cli.md), plus the centre,
/// which the contract's JSON does not carry. The citizen is named by the SOF case number only.
/// </summary>
public sealed record OverdueCase(
    string SofCaseNumber,
    string Team,
    string TeamEmail,
    OverdueKind Kind,
    DateOnly DueDate,
    int DaysOverdue,
    bool GreenLine,
    [property: JsonIgnore] string Centre);
