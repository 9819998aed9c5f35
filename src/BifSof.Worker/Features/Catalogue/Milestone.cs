namespace BifSof.Worker.Features.Catalogue;

public sealed class Milestone
{
    public required string Id { get; set; }

    public required string InitiativeNumber { get; set; }

    public required string Title { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>The seed's own wording of the date, e.g. <c>foråret 2010</c>.</summary>
    public string? DueText { get; set; }

    public MilestoneStatus Status { get; set; }

    /// <summary>
    /// True once an owner has answered: from then on the catalogue file no longer sets status or due date.
    /// </summary>
    public bool ReportedByOwner { get; set; }

    public string? Source { get; set; }

    public bool InCatalogue { get; set; } = true;

    public int SortOrder { get; set; }
}
