using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>The "done when" on the demo data: replaying the months of 2010 sends each centre one digest a month.</summary>
public sealed class DigestDemoReplayTests : IAsyncLifetime
{
    private readonly WorkerServices _worker = new();
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_worker.Settings, "catalogue", "load")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_worker.Settings, "demo", "--out", _folder.Path, "--citizens", "400", "--seed", "2009")).ExitCode);
        var import = await CliRun.RunAsync(_worker.Settings, ["import", .. Directory.GetFiles(_folder.Path, "*.csv").Order(StringComparer.Ordinal)]);
        Assert.True(import.ExitCode == ExitCodes.Success, import.Error);
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_worker.Settings, "run", "monthly-kpis")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await _worker.DisposeAsync();
    }

    [Fact]
    public async Task Replaying2010_SendsEachCentreOneDigestAMonthAndManagementOne_AndTheSameDayTwiceNothingMore()
    {
        // The first weekday of February 2010 … January 2011 covers January … December 2010.
        for (var month = new DateOnly(2010, 2, 1); month <= new DateOnly(2011, 1, 1); month = month.AddMonths(1))
        {
            var day = month;
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            var asOf = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var first = await CliRun.RunAsync(_worker.Settings, "run", "monthly-digest", "--as-of", asOf);
            var again = await CliRun.RunAsync(_worker.Settings, "run", "monthly-digest", "--as-of", asOf);
            Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
            Assert.Contains("e-mails lagt i udbakken, 0 var lagt der før", first.Out, StringComparison.Ordinal);
            Assert.Contains("er sendt før", again.Out, StringComparison.Ordinal);
        }

        // Per month: one digest per centre with shared citizens, one to management, each with its chart and workbook.
        Assert.Equal(0L, await _worker.Database.ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                SELECT m.month FROM bifsof.extract_months m
                WHERE m.month BETWEEN '2010-01-01' AND '2010-12-01'
                  AND (SELECT count(*) FROM bifsof.digest_records r WHERE r.month = m.month AND r.kind = 'digest')
                   <> (SELECT count(DISTINCT centre) + 1 FROM bifsof.shared_citizens s WHERE s.month = m.month)) wrong
            """));
        Assert.Equal(12L, await _worker.Database.ScalarAsync<long>("SELECT count(DISTINCT month) FROM bifsof.digest_records"));
        Assert.Equal(0L, await _worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.digest_records WHERE month NOT BETWEEN '2010-01-01' AND '2010-12-01'"));
        Assert.Equal(0L, await _worker.Database.ScalarAsync<long>(
            """
            SELECT count(*) FROM bifsof.outbox_messages m
            WHERE m.template LIKE 'digest-%'
              AND (SELECT count(*) FROM bifsof.outbox_attachments a WHERE a.outbox_message_id = m.id AND (a.content_id IS NOT NULL OR a.file_name LIKE '%.xlsx')) <> 2
            """));
        Assert.True(await _worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.outbox_messages WHERE template = 'digest-centre'") >= 12 * 5);
    }
}
