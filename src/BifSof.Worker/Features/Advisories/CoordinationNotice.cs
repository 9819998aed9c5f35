namespace BifSof.Worker.Features.Advisories;

/// <summary>
/// One proposal of a joint coordination meeting sent to a counselling centre and the jobcentre contact. The
/// latest one per centre spaces the next (<see cref="AdvisoryOptions.CoordinationNoticeDays"/>).
/// </summary>
public sealed class CoordinationNotice
{
    public long Id { get; set; }

    /// <summary>The SOF extract's <c>center</c>.</summary>
    public required string Centre { get; set; }

    /// <summary>The Copenhagen day of the run that sent it.</summary>
    public DateOnly NoticedOn { get; set; }

    /// <summary>The extract month whose cases it lists.</summary>
    public DateOnly Month { get; set; }

    public int CaseCount { get; set; }

    public required string[] Recipients { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    /// <summary>The outbox e-mail's business key: <c>coordination-notice:CENTRE:DAY</c>.</summary>
    public required string BusinessKey { get; set; }
}
