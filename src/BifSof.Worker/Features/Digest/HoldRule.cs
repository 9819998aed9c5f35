using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// When a month looks wrong: its shared citizens moved by more than the configured share against the month before or
/// against the month's last accepted version (a file from another system's test data took June 2010 from 2,406 to 0).
/// </summary>
public static class HoldRule
{
    /// <summary>Why the month is held, in Danish; null when it is not.</summary>
    /// <param name="monthBefore">The month before's shared citizens; null when it is not matched.</param>
    /// <param name="previousVersion">The month's last accepted version's shared citizens; null when there is none.</param>
    public static string? Check(int current, int? monthBefore, string monthBeforeName, int? previousVersion, decimal share)
    {
        var reasons = new List<string>();
        if (Moved(current, monthBefore, share))
        {
            reasons.Add($"{Describe(current, monthBefore!.Value)} mod {monthBeforeName}");
        }

        if (Moved(current, previousVersion, share))
        {
            reasons.Add($"{Describe(current, previousVersion!.Value)} mod månedens forrige version");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>More than <paramref name="share"/> away from <paramref name="baseline"/>; from zero, any change is.</summary>
    public static bool Moved(int current, int? baseline, decimal share) =>
        baseline is { } b && (b == 0 ? current != 0 : Math.Abs(current - b) > share * b);

    private static string Describe(int current, int baseline)
    {
        var change = baseline == 0 ? string.Empty : $" ({(current > baseline ? "+" : string.Empty)}{DanishFormat.Percent((decimal)(current - baseline) / baseline)})";
        return $"fællesborgere {DanishFormat.Number(baseline)} → {DanishFormat.Number(current)}{change}";
    }
}
