using System.Globalization;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// A file longer than the batches the reading side hands to the COPY (2,048 rows): the refusals keep their lines and
/// columns and their file order across the batches, and a valid file stores every row.
/// </summary>
public sealed class LargeFileImportTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private const int Rows = 5_000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Replacement numbers (day + 60), each row its own sequence number: never a real person's.
    private static string Cpr(int i) => string.Create(CultureInfo.InvariantCulture, $"{61 + (i % 28):00}{1 + (i / 28 % 12):00}70{i:0000}");

    private static string[] Lines(string month) =>
        [.. Enumerable.Range(0, Rows).Select(i => Bif(Cpr(i), month, $"B{i}", group: i % 2 == 0 ? "4" : "5"))];

    private async Task<ImportReport> ImportAsync(string name, string content)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
    }

    [Fact]
    public async Task ImportAsync_ReportsEveryErrorAtItsLineInFileOrder_WhenTheFileSpansSeveralBatches()
    {
        var lines = Lines("2016-05");
        lines[2_999] = Bif(Cpr(8), "2016-05", "B-repeat");              // line 3,001 repeats the CPR of line 10
        lines[2_047] = Bif(Cpr(2_047), "2016-05", "B2047", group: "9"); // line 2,049, the first batch's last row
        lines[4_499] = Bif(Cpr(4_499), "2016-05", "B4499", jobPlan: "2016-13-01");

        var report = await ImportAsync("bif_2016-05.csv", File(BifHeader, lines));

        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.Equal(Rows, report.Rows);
        Assert.Equal(
            ["2049 matchgruppe 9", "3001 cpr 690170-****", "4501 jobplan_dato 2016-13-01"],
            report.Errors.Select(e => $"{e.Line} {e.Column} {e.Value}").Order(StringComparer.Ordinal));
        Assert.Contains(report.Errors, e => e.Line == 3_001 && e.Message == "samme CPR-nummer som linje 10");
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.bif_rows WHERE month = '2016-05-01'"));
    }

    [Fact]
    public async Task ImportAsync_StoresEveryRowWithItsLine_WhenTheFileSpansSeveralBatches()
    {
        var report = await ImportAsync("bif_2016-06.csv", File(BifHeader, Lines("2016-06")));

        Assert.Equal(ImportReport.Imported, report.Status);
        Assert.Equal(
            $"{Rows}|2|{Rows + 1}|{Rows / 2}",
            await worker.Database.ScalarAsync<string>(
                "SELECT concat_ws('|', count(*), min(line), max(line), count(*) FILTER (WHERE normalized_group = 2)) FROM bifsof.bif_rows WHERE month = '2016-06-01'"));
    }
}
