namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// An overdue fact (case number, kind, due date) escalated to its centre leader or the special unit: at most one
/// row per fact, written in the same transaction as the escalation e-mail's outbox row.
/// </summary>
public sealed class Escalation
{
    public long Id { get; set; }

    public required string SofCaseNumber { get; set; }

    public OverdueKind Kind { get; set; }

    public DateOnly DueDate { get; set; }

    public int DaysOverdue { get; set; }

    public bool GreenLine { get; set; }

    public required string Centre { get; set; }

    public required string Team { get; set; }

    public required string TeamEmail { get; set; }

    /// <summary>How many chasers had listed the fact when it was escalated.</summary>
    public int Chasers { get; set; }

    /// <summary>The catalogue address it went to: <c>centre-leader:CENTRE</c> or <c>special-unit</c>.</summary>
    public required string RecipientKey { get; set; }

    public required string RecipientEmail { get; set; }

    public DateOnly EscalatedOn { get; set; }

    /// <summary>The outbox row's business key: one e-mail per recipient and run lists every case escalated to it.</summary>
    public required string BusinessKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
