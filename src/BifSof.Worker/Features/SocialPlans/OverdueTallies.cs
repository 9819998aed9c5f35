using System.Collections.Concurrent;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The overdue counts as of a day, computed once per day and version of the extracts and kept in this process
/// (docs/socialplans.md, "Performance"). Every call first reads the version (one small query of
/// <c>extract_months</c>); a kept tally is used only when it was computed from that same version, so a re-imported,
/// deleted or newly matched month is counted again on the next request, never shown from before.
/// </summary>
public sealed class OverdueTallies(OverdueCases overdue, OverdueTallyCache cache)
{
    public async Task<OverdueTally> GetAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var (_, version) = await overdue.VersionAsync(asOf, cancellationToken);
        if (cache.TryGet(asOf, version) is { } kept)
        {
            return kept;
        }

        // Counted in its own snapshot, with the version of that snapshot (at least as new as the one read above).
        var tally = await overdue.CountAsync(asOf, cancellationToken);
        cache.Put(tally);
        return tally;
    }
}

/// <summary>The tallies kept by <see cref="OverdueTallies"/>: one per as-of day, at most <see cref="Days"/> days.</summary>
public sealed class OverdueTallyCache
{
    /// <summary>How many as-of days are kept; past that the cache starts over (a tally is small: a few hundred groups).</summary>
    public const int Days = 64;

    private readonly ConcurrentDictionary<DateOnly, OverdueTally> _byDay = new();

    public OverdueTally? TryGet(DateOnly asOf, string version) =>
        _byDay.TryGetValue(asOf, out var tally) && string.Equals(tally.Version, version, StringComparison.Ordinal) ? tally : null;

    public void Put(OverdueTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (_byDay.Count >= Days && !_byDay.ContainsKey(tally.AsOf))
        {
            _byDay.Clear();
        }

        _byDay[tally.AsOf] = tally;
    }
}
