namespace BifSof.Worker.Features.SocialPlans;

/// <summary>A case as a chaser listed it. The overdue fact is the case number, the kind and the due date.</summary>
public sealed class ChaserCase
{
    public long ChaserId { get; set; }

    public required string SofCaseNumber { get; set; }

    public OverdueKind Kind { get; set; }

    public DateOnly DueDate { get; set; }

    public int DaysOverdue { get; set; }

    public bool GreenLine { get; set; }

    public required string Centre { get; set; }

    public required string Team { get; set; }
}
