namespace BifSof.Worker.Features.Digest;

/// <summary>
/// One version of a month's matching (its <c>matched_at</c>) as the digest saw it: how many shared citizens, whether
/// the move against the month before or the month's last accepted version held its digests, and who confirmed it.
/// </summary>
public sealed class DigestMonthReview
{
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The version: when the month was matched (extract_months.matched_at).</summary>
    public DateTimeOffset MatchedAt { get; set; }

    public int SharedCitizens { get; set; }

    public bool Held { get; set; }

    /// <summary>Why it was held, in Danish, e.g. <c>fællesborgere 2.406 → 0 (−100,0 %) mod maj 2010</c>.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset SeenAt { get; set; }

    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
}
