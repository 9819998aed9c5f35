using BifSof.Worker.Features.Digest;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>The digest's "overdue plans by kind" per centre: the overdue cases as of the day, counted in the database.</summary>
internal sealed class OverduePlanCounts(OverdueTallies tallies) : IOverduePlanCounts
{
    public async Task<IReadOnlyList<OverduePlanCount>> CountAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await tallies.GetAsync(asOf, cancellationToken)).Groups
            .GroupBy(g => (g.Centre, g.Kind))
            .Select(g => new OverduePlanCount(g.Key.Centre, OverdueKindNames.Code(g.Key.Kind), g.Sum(x => x.Count)))
            .ToList();
}
