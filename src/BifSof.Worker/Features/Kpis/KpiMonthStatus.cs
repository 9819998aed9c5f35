using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Extracts;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Kpis;

/// <summary>"Indlæsninger"'s column "Nøgletal": whether a matched month's KPIs are computed or still to be.</summary>
internal sealed class KpiMonthStatus(BifSofDbContext db) : IMonthStatus
{
    public string Heading => "Nøgletal";

    public async Task<IReadOnlyDictionary<DateOnly, MonthNote>> ReadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var stale = (await db.Set<KpiStaleMonth>().AsNoTracking().Select(s => s.Month).ToListAsync(cancellationToken)).ToHashSet();
        var computed = await db.MonthlyKpis.AsNoTracking().Select(k => k.Month).ToListAsync(cancellationToken);
        var notes = new Dictionary<DateOnly, MonthNote>();
        foreach (var month in computed.Concat(stale))
        {
            notes[month] = new MonthNote(stale.Contains(month) ? "skal beregnes" : "beregnet");
        }

        return notes;
    }
}
