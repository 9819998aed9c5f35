using System.Globalization;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>
/// Both jobs replayed weekday by weekday over the first half of 2009 on the demo extracts (every month imported up
/// front; each day sees the months up to it): the once-only and spacing rules hold on data shaped like the real thing.
/// </summary>
public sealed class AdvisoryDemoReplayTests : IAsyncLifetime
{
    private readonly AdvisoryTestBed _bed = new();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Replay_AdvisesEveryStopOnce_AndSpacesEachCentresNotices_OnTheDemoData()
    {
        var demo = await CliRun.RunAsync(_bed.Worker.Settings, "demo", "--out", _folder.Path);
        Assert.True(demo.ExitCode == ExitCodes.Success, demo.Error);
        var import = await CliRun.RunAsync(_bed.Worker.Settings, ["import", .. Directory.GetFiles(_folder.Path, "*.csv")]);
        Assert.True(import.ExitCode == ExitCodes.Success, import.Out);

        for (var day = new DateOnly(2009, 1, 1); day <= new DateOnly(2009, 6, 30); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await _bed.RunAsync("benefit-stop-advisories", text);
                await _bed.RunAsync("coordination-meetings", text);
            }
        }

        var database = _bed.Worker.Database;
        var stops = await database.ScalarAsync<long>(
            """
            SELECT count(*) FROM (SELECT DISTINCT b.pseudonym, b.benefit_stop_date
                                  FROM bifsof.bif_rows b JOIN bifsof.shared_citizens c USING (month, pseudonym)
                                  WHERE b.benefit_stop_date IS NOT NULL AND b.month <= '2009-06-30') s
            """);
        Assert.True(stops > 100, $"the demo has only {stops} stops of shared citizens in the first half of 2009");
        Assert.Equal(stops, await database.ScalarAsync<long>("SELECT count(*) FROM bifsof.benefit_stop_advisories"));
        Assert.Equal(stops, await database.ScalarAsync<long>("SELECT count(*) FROM bifsof.outbox_messages WHERE template = 'benefit-stop-advisory'"));

        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM bifsof.coordination_notices") >= 6, "too few notices to tell the spacing");
        var gap = await database.ScalarAsync<int>(
            """
            SELECT min(gap) FROM (SELECT noticed_on - lag(noticed_on) OVER (PARTITION BY centre ORDER BY noticed_on) AS gap
                                  FROM bifsof.coordination_notices) g
            """);
        Assert.True(gap >= 30, $"two notices to one centre only {gap} days apart");
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM bifsof.coordination_notices WHERE case_count < 10"));
    }
}
