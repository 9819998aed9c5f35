namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// One chaser e-mail queued to a team address, recorded in the same transaction as its outbox row. The cases it
/// listed are its <see cref="Cases"/>: they count a case's chasers towards escalation.
/// </summary>
public sealed class Chaser
{
    public long Id { get; set; }

    /// <summary>The team address, lower-case: one address is one recipient however the extract spells it.</summary>
    public required string TeamEmail { get; set; }

    /// <summary>The day the job ran for (Copenhagen), which is the as-of day of the overdue list.</summary>
    public DateOnly ChasedOn { get; set; }

    /// <summary>The extract month the overdue list was computed from.</summary>
    public DateOnly DataMonth { get; set; }

    /// <summary>The outbox row's business key.</summary>
    public required string BusinessKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ChaserCase> Cases { get; } = [];
}
