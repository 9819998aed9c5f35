using BifSof.Worker.Features.Digest;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>The digest's "overdue plans by kind" per centre: the overdue list as of the day, counted.</summary>
internal sealed class OverduePlanCounts(OverdueCases overdue) : IOverduePlanCounts
{
    public async Task<IReadOnlyList<OverduePlanCount>> CountAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await overdue.ListAsync(asOf, cancellationToken))
            .GroupBy(c => (c.Centre, c.Kind))
            .Select(g => new OverduePlanCount(g.Key.Centre, OverdueKindNames.Code(g.Key.Kind), g.Count()))
            .ToList();
}
