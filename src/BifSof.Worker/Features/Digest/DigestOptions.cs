namespace BifSof.Worker.Features.Digest;

/// <summary>The monthly digest's rules, section <c>Digest</c> (docs/followup.md's defaults).</summary>
public sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>
    /// A month whose shared citizens moved by more than this share against the month before, or against the month's
    /// previous version, is held until an admin confirms it. Default 0.30 (30 %).
    /// </summary>
    public decimal HoldShare { get; set; } = 0.30m;

    /// <summary>Months in the digest's trend chart, the covered month included. Default 12.</summary>
    public int TrendMonths { get; set; } = 12;
}
