using System.Globalization;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Extracts.Demo;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>
/// docs/socialplans.md's promise on the demo data: replaying <c>social-plan-chase</c> day by day over two months
/// sends each team address at most one chaser a week.
/// </summary>
public sealed class SocialPlanChaseReplayTests : IAsyncLifetime
{
    private readonly SocialPlanWorld _world = new();
    private readonly TempFolder _demo = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync()
    {
        _demo.Dispose();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Replay_SendsEachTeamAddressAtMostOneChaserAWeek_OverTwoMonthsOfDemoData()
    {
        var files = new DemoExtractGenerator(citizens: 300, seed: 7).Write(_demo.Path)
            .Where(f => Path.GetFileName(f) is var name && (name.Contains("2009-01", StringComparison.Ordinal) || name.Contains("2009-02", StringComparison.Ordinal) || name.Contains("2009-03", StringComparison.Ordinal)))
            .ToList();
        await using (var scope = _world.Worker.Scope())
        {
            foreach (var file in files)
            {
                Assert.Equal(ImportReport.Imported, (await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(file, CancellationToken.None)).Status);
            }
        }

        // Every calendar day, weekends too (stricter than the weekday schedule), 1 February to 31 March 2009.
        var reports = new List<ChaseReport>();
        for (var day = new DateOnly(2009, 2, 1); day <= new DateOnly(2009, 3, 31); day = day.AddDays(1))
        {
            reports.Add(await _world.ChaseAsync(day));
        }

        await using var check = _world.Worker.Scope();
        var db = check.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var chasers = (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.BusinessKey.StartsWith("social-plan-chase:"))
                .Select(m => new { m.To, m.BusinessKey })
                .ToListAsync())
            .Select(m => (Address: Assert.Single(m.To), Day: DateOnly.ParseExact(m.BusinessKey[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .GroupBy(m => m.Address, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Day).Order().ToList(), StringComparer.Ordinal);

        Assert.True(chasers.Count >= 10, $"only {chasers.Count} team addresses were chased: the replay proves little");
        Assert.Contains(chasers.Values, days => days.Count == 9); // 1, 8, 15 … 29 March: overdue all along, chased every 7th day
        foreach (var (address, days) in chasers)
        {
            Assert.All(days.Zip(days.Skip(1)), pair => Assert.True(pair.Second.DayNumber - pair.First.DayNumber >= 7, $"{address}: chasers on {pair.First} and {pair.Second}"));
            Assert.All(days.GroupBy(d => (ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)))), week => Assert.Single(week));
        }

        // The chasers table agrees with the outbox, and no overdue fact was escalated twice.
        Assert.Equal(chasers.Values.Sum(d => d.Count), await db.Set<Chaser>().CountAsync());
        Assert.Equal(reports.Sum(r => r.CasesEscalated), await db.Set<Escalation>().CountAsync());
        Assert.True(reports.Sum(r => r.CasesEscalated) > 0, "no case was escalated in two months of demo data");
    }
}
