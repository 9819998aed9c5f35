namespace BifSof.Worker.Features.Advisories;

/// <summary>
/// One benefit stop advised to SOF: the record that makes the advisory once-only. Unique per citizen (pseudonym)
/// and stop date, written in the same transaction as the outbox e-mail, so a re-import, a correction or a month
/// that arrives late finds it and queues nothing again.
/// </summary>
public sealed class BenefitStopAdvisory
{
    public long Id { get; set; }

    /// <summary>The citizen's keyed pseudonym; never shown, never in a business key.</summary>
    public required byte[] Pseudonym { get; set; }

    public DateOnly StopDate { get; set; }

    /// <summary>The extract month the stop was advised from (the latest matched month carrying it at the time).</summary>
    public DateOnly Month { get; set; }

    public string? Reason { get; set; }

    public required string BifCaseNumber { get; set; }

    public required string SofCaseNumber { get; set; }

    public required string Jobcentre { get; set; }

    public required string Centre { get; set; }

    public required string Team { get; set; }

    public required string TeamEmail { get; set; }

    /// <summary>The Copenhagen day of the run that advised it.</summary>
    public DateOnly AdvisedOn { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    /// <summary>The outbox e-mail's business key: <c>benefit-stop-advisory:ID</c>.</summary>
    public required string BusinessKey { get; set; }
}
