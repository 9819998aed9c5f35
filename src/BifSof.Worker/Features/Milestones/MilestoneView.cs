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
