namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// What a milestone's date is. Spelled in the catalogue file and the database as <c>deadline</c> (the default) and
/// <c>event</c>.
/// </summary>
public enum MilestoneKind
{
    /// <summary>A date an owner must meet: reminded, escalated, answerable by link, and overdue once it has passed.</summary>
    Deadline,

    /// <summary>
    /// A dated fact of the sources that nobody has to meet (a grant ending, say): shown with its date, never reminded,
    /// escalated, answered or overdue.
    /// </summary>
    Event,
}

/// <summary>The spelling of <see cref="MilestoneKind"/> shared by the catalogue file and the database.</summary>
public static class MilestoneKindNames
{
    public const string Deadline = "deadline";

    public const string Event = "event";

    internal static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<MilestoneKind, string> Converter { get; } =
        new(kind => kind == MilestoneKind.Event ? Event : Deadline, name => Parse(name));

    /// <summary>An empty kind is a deadline; an unknown one is refused.</summary>
    public static bool TryParse(string? name, out MilestoneKind kind)
    {
        kind = name switch
        {
            null or Deadline => MilestoneKind.Deadline,
            Event => MilestoneKind.Event,
            _ => (MilestoneKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static MilestoneKind Parse(string? name) =>
        TryParse(name, out var kind) ? kind : throw new FormatException($"Unknown milestone kind '{name}'.");
}
