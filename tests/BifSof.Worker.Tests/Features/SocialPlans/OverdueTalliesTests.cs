using BifSof.Worker.Features.SocialPlans;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Features.SocialPlans.SocialPlanWorld;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>
/// The overdue counts the page "Handleplaner" and the digest show: counted in the database, the same figures as the
/// list, and kept per day only while the extracts they were counted from are unchanged.
/// </summary>
public sealed class OverdueTalliesTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2009, 2, 16);
    private readonly SocialPlanWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private async Task<OverdueTally> TallyAsync(DateOnly day)
    {
        await using var scope = _world.Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<OverdueTallies>().GetAsync(day, CancellationToken.None);
    }

    // The list counted in C#, in the tally's order-free form.
    private async Task<List<(string, string, string, bool, OverdueKind, int)>> ListCountedAsync(DateOnly day) =>
        (await _world.OverdueAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(c => (c.Centre, c.Team, c.TeamEmail, c.GreenLine, c.Kind))
            .Select(g => (g.Key.Centre, g.Key.Team, g.Key.TeamEmail, g.Key.GreenLine, g.Key.Kind, g.Count()))
            .Order()
            .ToList();

    private static List<(string, string, string, bool, OverdueKind, int)> Counted(OverdueTally tally) =>
        [.. tally.Groups.Select(g => (g.Centre, g.Team, g.TeamEmail, g.GreenLine, g.Kind, g.Count)).Order()];

    [Fact]
    public async Task GetAsync_CountsWhatTheListHolds_PerCentreTeamGreenLineAndKind()
    {
        await _world.ImportMonthAsync(
            "2009-01",
            [1, 2, 3, 4, 5],
            Sof(Cpr(1), "2009-01", "SOF-1"),
            Sof(Cpr(2), "2009-01", "SOF-2", greenLine: "ja"),
            Sof(Cpr(3), "2009-01", "SOF-3", offered: "2009-01-05"),
            Sof(Cpr(4), "2009-01", "SOF-4", team: "Voksenteam 2", email: "voksenteam2@sof.example.dk"),
            Sof(Cpr(5), "2009-01", "SOF-5", centre: "Socialcenter Nørrebro", offered: "2008-06-01", produced: "2008-06-20", planType: "handleplan", followUp: "2009-01-10"));

        var tally = await TallyAsync(Day);

        Assert.Equal(new DateOnly(2009, 1, 1), tally.DataMonth);
        Assert.Equal(5, tally.Groups.Sum(g => g.Count));
        Assert.Equal(await ListCountedAsync(Day), Counted(tally));
        Assert.Empty((await TallyAsync(new DateOnly(2008, 12, 31))).Groups);
    }

    [Fact]
    public async Task GetAsync_KeepsTheTallyOfADay_UntilTheMonthIsImportedAgain()
    {
        await _world.ImportMonthAsync("2009-01", [1, 2], Sof(Cpr(1), "2009-01", "SOF-1"), Sof(Cpr(2), "2009-01", "SOF-2"));
        var before = await TallyAsync(Day);
        Assert.Equal([(OverdueKind.Offer, 2)], before.Groups.Select(g => (g.Kind, g.Count)));
        Assert.Same(before, await TallyAsync(Day)); // kept: nothing changed

        // SOF-1 got its offer on 20 January: the plan is due 19 February, so it is no longer overdue on the 16th.
        await _world.ImportAsync("sof", "2009-01", Sof(Cpr(1), "2009-01", "SOF-1", offered: "2009-01-20"), Sof(Cpr(2), "2009-01", "SOF-2"));
        var after = await TallyAsync(Day);

        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal([(OverdueKind.Offer, 1)], after.Groups.Select(g => (g.Kind, g.Count)));
        Assert.Equal(await ListCountedAsync(Day), Counted(after));
    }

    [Fact]
    public async Task GetAsync_CountsAgain_WhenAnEarlierMonthIsImportedAgain_ThoughTheDataMonthIsUnchanged()
    {
        // Shared since January: the offer was due 31 January, overdue on 10 February (data month February).
        await _world.ImportMonthAsync("2009-01", [1], Sof(Cpr(1), "2009-01", "SOF-1"));
        await _world.ImportMonthAsync("2009-02", [1], Sof(Cpr(1), "2009-02", "SOF-1"));
        var day = new DateOnly(2009, 2, 10);
        var before = await TallyAsync(day);
        Assert.Equal([(OverdueKind.Offer, 1)], before.Groups.Select(g => (g.Kind, g.Count)));

        // January again, without the citizen: shared first in February, the offer is due 3 March.
        await _world.ImportAsync("bif", "2009-01", Bif(Cpr(9), "2009-01", "BIF-9"));
        var after = await TallyAsync(day);

        Assert.Equal(new DateOnly(2009, 2, 1), after.DataMonth);
        Assert.Empty(after.Groups);
        Assert.Equal(await ListCountedAsync(day), Counted(after));
    }
}
