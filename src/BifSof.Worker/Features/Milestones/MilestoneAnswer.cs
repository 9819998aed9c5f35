namespace BifSof.Worker.Features.Milestones;

/// <summary>One answer an owner gave through a reminder's link: kept forever, the milestone's history.</summary>
public sealed class MilestoneAnswer
{
    public long Id { get; set; }

    public required string MilestoneId { get; set; }

    /// <summary>Who answered: the owner key the link was issued to.</summary>
    public required string OwnerKey { get; set; }

    public AnswerAction Action { get; set; }

    public DateOnly? NewDueDate { get; set; }

    public string? Comment { get; set; }

    public DateOnly PreviousDueDate { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}
