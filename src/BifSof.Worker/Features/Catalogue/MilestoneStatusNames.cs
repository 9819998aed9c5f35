using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>The spelling of <see cref="MilestoneStatus"/> shared by the catalogue file and the database.</summary>
public static class MilestoneStatusNames
{
    private static readonly Dictionary<MilestoneStatus, string> Names = new()
    {
        [MilestoneStatus.Planned] = "planned",
        [MilestoneStatus.InProgress] = "in_progress",
        [MilestoneStatus.Done] = "done",
        [MilestoneStatus.Delayed] = "delayed",
        [MilestoneStatus.Cancelled] = "cancelled",
    };

    internal static ValueConverter<MilestoneStatus, string> Converter { get; } =
        new(status => ToName(status), name => Parse(name));

    public static string ToName(MilestoneStatus status) => Names[status];

    public static MilestoneStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"Unknown milestone status '{name}'.");

    public static bool TryParse(string? name, out MilestoneStatus status)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(value, name, StringComparison.Ordinal))
            {
                status = key;
                return true;
            }
        }

        status = default;
        return false;
    }
}
