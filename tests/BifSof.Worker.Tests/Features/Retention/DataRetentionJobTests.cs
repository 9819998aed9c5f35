using BifSof.Worker.Features.Retention;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Retention;

/// <summary>
/// The <c>data-retention</c> job on three demo years (2009–2011) and the follow-up they led to, against the real
/// database: as of 2015-06-15 with the default five years, everything before 2010-06-15 that identifies a citizen goes,
/// the KPIs stay, and a second run has nothing left to delete.
/// </summary>
public sealed class DataRetentionJobTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private const string Cutoff = "2010-06-15";
    private const string CutoffMonth = "2010-06-01";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await CliRun.RunAsync(worker.Settings, args);
        Assert.True(result.ExitCode == ExitCodes.Success, $"{string.Join(' ', args)}: {result.Out} {result.Error}");
        return result;
    }

    private Task<long> CountAsync(string sql) => worker.Database.ScalarAsync<long>(sql);

    [Fact]
    public async Task Run_DeletesEveryPersonalRowBeforeTheCutoff_KeepsTheKpisAndLaterRows_AndFindsNothingTheSecondTime()
    {
        await RunAsync("demo", "--out", _folder.Path, "--citizens", "120", "--seed", "11");
        await RunAsync(["import", .. Directory.GetFiles(_folder.Path, "*.csv").Order(StringComparer.Ordinal)]);
        await RunAsync("catalogue", "load");
        await RunAsync("kpi", "2009-03");
        await RunAsync("kpi", "2011-03");
        await RunAsync("run", "social-plan-chase", "--as-of", "2010-03-03");
        await RunAsync("run", "outbox-dispatch", "--as-of", "2010-03-03");
        // The outbox stamps its rows with the database's own time; these were queued in 2010.
        await worker.Database.ExecuteAsync("UPDATE bifsof.outbox_messages SET created_at = '2010-03-03 07:30:00+01'");
        await RunAsync("run", "social-plan-chase", "--as-of", "2011-03-03");
        await RunAsync("run", "outbox-dispatch", "--as-of", "2011-03-03");
        var kpisBefore = await CountAsync("SELECT count(*) FROM bifsof.monthly_kpis");
        var oldChasers = await CountAsync($"SELECT count(*) FROM bifsof.social_plan_chasers WHERE chased_on < '{Cutoff}'");
        var laterChasers = await CountAsync($"SELECT count(*) FROM bifsof.social_plan_chasers WHERE chased_on >= '{Cutoff}'");
        var laterCases = await CountAsync($"SELECT count(*) FROM bifsof.social_plan_chaser_cases c JOIN bifsof.social_plan_chasers s ON s.id = c.chaser_id WHERE s.chased_on >= '{Cutoff}'");
        var oldSent = await CountAsync($"SELECT count(*) FROM bifsof.outbox_messages WHERE created_at < '{Cutoff}' AND status = 'Sent'");
        // The scene has something on both sides of the cut-off, or the test could not tell.
        Assert.True(oldChasers > 0 && laterChasers > 0 && oldSent > 0, $"{oldChasers} old chasers, {laterChasers} later, {oldSent} old sent e-mails; outbox: {await worker.Database.ScalarAsync<string>("SELECT string_agg(status || ' ' || created_at::text, '; ') FROM bifsof.outbox_messages")}");
        Assert.True(await CountAsync($"SELECT count(*) FROM bifsof.bif_rows WHERE month < '{CutoffMonth}'") > 0);

        var first = await RunAsync("run", "data-retention", "--as-of", "2015-06-15");

        foreach (var table in new[] { "bif_rows", "sof_rows", "shared_citizens", "extract_months", "extract_files", "kpi_stale_months" })
        {
            Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM bifsof.{table} WHERE month < '{CutoffMonth}'"));
            Assert.True(table == "kpi_stale_months" || await CountAsync($"SELECT count(*) FROM bifsof.{table} WHERE month >= '{CutoffMonth}'") > 0, table);
        }

        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM bifsof.social_plan_chasers WHERE chased_on < '{Cutoff}'"));
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM bifsof.outbox_messages WHERE created_at < '{Cutoff}' AND status <> 'Pending'"));
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM bifsof.social_plan_chaser_cases c WHERE NOT EXISTS (SELECT 1 FROM bifsof.social_plan_chasers s WHERE s.id = c.chaser_id)"));
        Assert.Equal(laterChasers, await CountAsync("SELECT count(*) FROM bifsof.social_plan_chasers"));
        Assert.Equal(laterCases, await CountAsync("SELECT count(*) FROM bifsof.social_plan_chaser_cases"));
        Assert.Equal(kpisBefore, await CountAsync("SELECT count(*) FROM bifsof.monthly_kpis"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM bifsof.monthly_kpis WHERE month = '2009-03-01'"));
        Assert.StartsWith("data-retention: 15. juni 2015: slettet fra før 15. juni 2010 (5 år): ", first.Out, StringComparison.Ordinal);
        Assert.Contains("nøgletal bevaret", first.Out, StringComparison.Ordinal);

        var second = await RunAsync("run", "data-retention", "--as-of", "2015-06-15");
        Assert.Equal("data-retention: 15. juni 2015: intet at slette fra før 15. juni 2010 (5 år)", second.Out.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task AnyVerb_IsRefusedNamingRetentionYears_WhenItIsOutOfRange(string years)
    {
        var result = await CliRun.RunAsync(new WorkerSettings(worker.Database.ConnectionString).With("Retention:Years", years), "run", "data-retention");
        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Retention__Years", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2015-06-15", 5, "2010-06-15")]
    [InlineData("2016-02-29", 1, "2015-02-28")]
    public void Cutoff_IsTheSameDayTheGivenYearsBefore(string today, int years, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DataRetentionJob.Cutoff(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), years));
}
