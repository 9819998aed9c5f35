using BifSof.Worker.Features.Catalogue;

namespace BifSof.Worker.Features.Milestones;

/// <summary>A milestone with what its e-mails and pages show about it.</summary>
public sealed record MilestoneView(
    string Id,
    string Title,
    DateOnly DueDate,
    string? DueText,
    MilestoneStatus Status,
    string InitiativeNumber,
    string InitiativeTitle,
    string PartTitle,
    string OwnerKey,
    string OwnerName,
    string OwnerEmail,
    string? EscalationEmail)
{
    public bool IsOpen => Status is not (MilestoneStatus.Done or MilestoneStatus.Cancelled);

    /// <summary>A deadline (the default) or a dated fact of the sources that nobody has to meet.</summary>
    public MilestoneKind Kind { get; init; }

    public bool IsEvent => Kind == MilestoneKind.Event;

    /// <summary>An open deadline: what the reminders chase and the answer links act on. Never an event.</summary>
    public bool IsChased => IsOpen && !IsEvent;

    /// <summary>An open deadline past its date on <paramref name="today"/>; an event is never overdue.</summary>
    public bool IsOverdue(DateOnly today) => IsChased && DueDate < today;

    /// <summary>Met or not (<c>met</c>, <c>not_met</c>) for a done milestone that is a target; null otherwise.</summary>
    public string? Outcome { get; init; }

    /// <summary>The catalogue's note on the state shown, e.g. "37,4 % mod målet 40 %".</summary>
    public string? Note { get; init; }

    /// <summary>The first date the sources set, when a later source moved it; null when the date never moved.</summary>
    public DateOnly? OriginalDueDate { get; init; }

    /// <summary>Where the milestone comes from: document and section, and the quoted passage.</summary>
    public string? Source { get; init; }

    public string? SourceQuote { get; init; }

    /// <summary>Where the status shown comes from (document and section), when a later source set it.</summary>
    public string? StatusSource { get; init; }

    /// <summary>The status with the outcome, as the page shows it: "Udført", "Udført – målet ikke nået".</summary>
    public string StatusWithOutcome => Outcome switch
    {
        "met" => $"{StatusLabel} – målet nået",
        "not_met" => $"{StatusLabel} – målet ikke nået",
        _ => StatusLabel,
    };

    public int DaysOverdue(DateOnly today) => today.DayNumber - DueDate.DayNumber;

    /// <summary>The Danish word for the status, as owners and admins read it.</summary>
    public string StatusLabel => Label(Status);

    public static string Label(MilestoneStatus status) => status switch
    {
        MilestoneStatus.Planned => "Planlagt",
        MilestoneStatus.InProgress => "I gang",
        MilestoneStatus.Done => "Udført",
        MilestoneStatus.Delayed => "Forsinket",
        MilestoneStatus.Cancelled => "Annulleret",
        _ => status.ToString(),
    };
}
