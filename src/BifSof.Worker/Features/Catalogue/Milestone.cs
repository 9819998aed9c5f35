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

    /// <summary>A deadline an owner must meet (the default), or a dated fact of the sources that is not one.</summary>
    public MilestoneKind Kind { get; set; }

    /// <summary>
    /// True once an owner has answered: from then on the catalogue file no longer sets status or due date.
    /// </summary>
    public bool ReportedByOwner { get; set; }

    /// <summary>Met or not, for a done milestone that is a target (<c>met</c>, <c>not_met</c>); null otherwise.</summary>
    public string? Outcome { get; set; }

    /// <summary>The latest note of the catalogue on it (e.g. "37,4 % mod målet 40 %").</summary>
    public string? Note { get; set; }

    /// <summary>Where the milestone comes from: the document's title and the section.</summary>
    public string? Source { get; set; }

    /// <summary>The short passage of the source it comes from, verbatim.</summary>
    public string? SourceQuote { get; set; }

    public bool InCatalogue { get; set; } = true;

    public int SortOrder { get; set; }
}
