using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>
/// Which months' KPIs an import makes stale (the KPIs' own record, <c>kpi_stale_months</c>), and the computation that
/// clears them, on the transcribed catalogue. Each test uses years of its own, so they share one database.
/// </summary>
public sealed class KpiRecomputationTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        if (await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.population_rules") == 0)
        {
            Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(worker.Settings, "catalogue", "load")).ExitCode);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Import_MarksTheMonthAndTheRestOfItsYearStale_WhenAMonthIsCorrected()
    {
        await ImportMonthsAsync("6101821111", "2012-05", "2012-09", "2013-01");
        await RunMonthlyJobAsync();

        await ImportAsync("sof_2012-05.csv", File(SofHeader, Sof("6101821111", "2012-05", "SOF-1", offered: "2012-05-02")));

        Assert.Equal("2012-05-01,2012-09-01", await StaleAsync("2012-01-01", "2013-12-01"));
    }

    [Fact]
    public async Task Import_MarksJanuaryStale_WhenDecemberIsCorrected()
    {
        await ImportMonthsAsync("6101821112", "2014-11", "2014-12", "2015-01", "2015-02");
        await RunMonthlyJobAsync();

        await ImportAsync("bif_2014-12.csv", File(BifHeader, Bif("6101821112", "2014-12", "BIF-1", group: "5")));

        Assert.Equal("2014-12-01,2015-01-01", await StaleAsync("2014-01-01", "2015-12-01"));
    }

    [Fact]
    public async Task ComputeMonthAsync_ComputesTheMonthAndTheFollowersItMadeStale_ThenNothing()
    {
        await ImportMonthsAsync("6101821113", "2016-03", "2016-04", "2016-08", "2017-01");

        var first = await ComputeMonthAsync("2016-04");
        var second = await ComputeMonthAsync("2016-04");

        Assert.Equal("nøgletal beregnet for 2 måneder: 2016-04 (1 fællesborger), 2016-08 (1 fællesborger)", first);
        Assert.Equal("ingen måneder at beregne", second);
        Assert.Equal("2016-03-01,2017-01-01", await StaleAsync("2016-01-01", "2017-12-01")); // before it, and another year
    }

    [Fact]
    public async Task ComputeAsync_ComputesAgainFromTheNewData_WhenAnImportMarksTheMonthWhileItIsComputed()
    {
        // March's citizen is not shared in September, but counts in September's social plans year to date.
        await ImportMonthsAsync("6101821114", "2018-03");
        await ImportMonthsAsync("6101821115", "2018-09");
        await RunMonthlyJobAsync();
        await ImportAsync("bif_2018-09.csv", File(BifHeader, Bif("6101821115", "2018-09", "BIF-2")));
        var september = new DateOnly(2018, 9, 1);

        await using var blocker = new NpgsqlConnection(worker.Database.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await ExtractMonthLock.AcquireAsync(blocker, hold, september, CancellationToken.None);
        var computing = Task.Run(async () =>
        {
            await using var scope = worker.Scope();
            return await scope.ServiceProvider.GetRequiredService<KpiService>().ComputeAsync(september, CancellationToken.None);
        });
        await WaitUntilAsync("SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        // September's computation has begun and waits for its month; March is corrected meanwhile.
        await ImportAsync("sof_2018-03.csv", File(SofHeader, Sof("6101821114", "2018-03", "SOF-1", offered: "2018-03-02")));
        await hold.RollbackAsync();
        await hold.DisposeAsync();

        var kpis = await computing;

        Assert.Equal(1, kpis!.SocialPlans.OfferedYtd);
        Assert.Equal("2018-03-01", await StaleAsync("2018-01-01", "2018-12-01"));
    }

    private async Task ImportMonthsAsync(string cpr, params string[] months)
    {
        foreach (var month in months)
        {
            await ImportAsync($"bif_{month}.csv", File(BifHeader, Bif(cpr, month, "BIF-1")));
            await ImportAsync($"sof_{month}.csv", File(SofHeader, Sof(cpr, month, "SOF-1")));
        }
    }

    private async Task ImportAsync(string name, string content)
    {
        await using var scope = worker.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
        Assert.True(report.Status == ImportReport.Imported, $"{name}: {report.Status}");
    }

    private async Task RunMonthlyJobAsync()
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<MonthlyKpisJob>().RunAsync(CancellationToken.None);
    }

    private async Task<string> ComputeMonthAsync(string month)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<MonthlyKpisJob>().ComputeMonthAsync(month, CancellationToken.None);
    }

    private Task<string> StaleAsync(string from, string through) => worker.Database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(month::text, ',' ORDER BY month), '') FROM bifsof.kpi_stale_months WHERE month BETWEEN '{from}' AND '{through}'");

    private async Task WaitUntilAsync(string sql)
    {
        for (var i = 0; i < 100 && !await worker.Database.ScalarAsync<bool>(sql); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await worker.Database.ScalarAsync<bool>(sql), sql);
    }
}
