namespace BifSof.Worker.Features.Digest;

/// <summary>
/// One digest queued: the month, who it went to (<c>centre:NAME</c> or <c>management</c>), whether it was the digest or a
/// correction, and the figures it showed, so the next correction can say what changed from what to what.
/// </summary>
public sealed class DigestRecord
{
    public const string Management = "management";
    public const string CentrePrefix = "centre:";
    public const string Original = "digest";
    public const string Correction = "correction";

    public long Id { get; set; }

    /// <summary>First day of the month the digest covers.</summary>
    public DateOnly Month { get; set; }

    public required string Audience { get; set; }

    public required string Kind { get; set; }

    public required string BusinessKey { get; set; }

    /// <summary>The figures shown, as JSON of <see cref="DigestFigure"/>s in reading order.</summary>
    public required string Figures { get; set; }

    /// <summary>When the month's KPIs that the digest shows were computed: a later computation may mean a correction.</summary>
    public DateTimeOffset KpisComputedAt { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
}
