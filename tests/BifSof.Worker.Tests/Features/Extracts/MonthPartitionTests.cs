using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// A month of <c>bif_rows</c> and <c>sof_rows</c> is a partition of its own, built and swapped in by the import
/// (docs/extracts.md, "How a month is stored"): against the real PostgreSQL, since the swap is all SQL.
/// </summary>
public sealed class MonthPartitionTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    // Replacement numbers (day + 60): never a real person's.
    private const string C1 = "6101701131", C2 = "6201701132", C3 = "6301701133";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<ImportReport> ImportAsync(string name, string content)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
    }

    private Task<string> PartitionsAsync(string table, string like) => worker.Database.ScalarAsync<string>(
        $"""
        SELECT coalesce(string_agg(c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid), ', ' ORDER BY c.relname), '')
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'bifsof.{table}'::regclass AND c.relname LIKE '{like}'
        """);

    [Fact]
    public async Task ImportAsync_ReplacesOnlyItsMonthsPartition_WhenTheMonthIsImportedAgain()
    {
        Assert.Equal(ImportReport.Imported, (await ImportAsync("bif_2014-03.csv", File(BifHeader, Bif(C1, "2014-03", "B1"), Bif(C2, "2014-03", "B2")))).Status);
        Assert.Equal(ImportReport.Imported, (await ImportAsync("bif_2014-04.csv", File(BifHeader, Bif(C1, "2014-04", "B1")))).Status);

        var correction = await ImportAsync("bif_2014-03.csv", File(BifHeader, Bif(C3, "2014-03", "B3")));

        Assert.Equal(ImportReport.Imported, correction.Status);
        Assert.Equal(
            "bif_rows_2014_03 FOR VALUES IN ('2014-03-01'), bif_rows_2014_04 FOR VALUES IN ('2014-04-01')",
            await PartitionsAsync("bif_rows", "bif_rows_2014_%"));
        Assert.Equal("2014-03-01 B3, 2014-04-01 B1", await worker.Database.ScalarAsync<string>(
            "SELECT string_agg(month || ' ' || case_number, ', ' ORDER BY month, case_number) FROM bifsof.bif_rows WHERE month BETWEEN '2014-03-01' AND '2014-04-01'"));
        // The key and the foreign key hold on the swapped-in partition as on the table.
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => worker.Database.ExecuteAsync(
            "INSERT INTO bifsof.bif_rows SELECT * FROM bifsof.bif_rows WHERE month = '2014-03-01'"));
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => worker.Database.ExecuteAsync(
            "UPDATE bifsof.bif_rows SET file_id = -1 WHERE month = '2014-03-01'"));
    }

    [Fact]
    public async Task ImportAsync_MatchesTheMonth_WhenEitherExtractArrivesSecond()
    {
        Assert.Equal(ImportReport.Imported, (await ImportAsync("bif_2014-06.csv", File(BifHeader, Bif(C1, "2014-06", "B1"), Bif(C2, "2014-06", "B2")))).Status);
        Assert.Equal(ImportReport.Imported, (await ImportAsync("sof_2014-06.csv", File(SofHeader, Sof(C1, "2014-06", "S1"), Sof(C3, "2014-06", "S3")))).Status);
        Assert.Equal(ImportReport.Imported, (await ImportAsync("sof_2014-07.csv", File(SofHeader, Sof(C1, "2014-07", "S1"), Sof(C2, "2014-07", "S2")))).Status);
        Assert.Equal(ImportReport.Imported, (await ImportAsync("bif_2014-07.csv", File(BifHeader, Bif(C1, "2014-07", "B1"), Bif(C2, "2014-07", "B2", group: "3")))).Status);

        // June: C1 in both (C2 BIF only, C3 SOF only). July: C1 (group 4 → 2); C2's group 3 normalises to 1.
        Assert.Equal("2014-06-01 B1 S1, 2014-07-01 B1 S1", await worker.Database.ScalarAsync<string>(
            "SELECT string_agg(month || ' ' || bif_case_number || ' ' || sof_case_number, ', ' ORDER BY month) FROM bifsof.shared_citizens WHERE month BETWEEN '2014-06-01' AND '2014-07-01'"));
        Assert.Equal(2L, await worker.Database.ScalarAsync<long>(
            "SELECT count(*) FROM bifsof.extract_months WHERE month BETWEEN '2014-06-01' AND '2014-07-01' AND shared_citizens = 1 AND matched_at IS NOT NULL"));
    }

    [Fact]
    public async Task ImportAsync_ImportsTwoMonthsAtOnce_WithoutADeadlock()
    {
        var reports = await Task.WhenAll(
            ImportAsync("bif_2014-09.csv", File(BifHeader, Bif(C1, "2014-09", "B1"))),
            ImportAsync("bif_2014-10.csv", File(BifHeader, Bif(C1, "2014-10", "B1"))),
            ImportAsync("sof_2014-09.csv", File(SofHeader, Sof(C1, "2014-09", "S1"))),
            ImportAsync("sof_2014-10.csv", File(SofHeader, Sof(C1, "2014-10", "S1"))));

        Assert.All(reports, r => Assert.Equal(ImportReport.Imported, r.Status));
        Assert.Equal(2L, await worker.Database.ScalarAsync<long>(
            "SELECT count(*) FROM bifsof.extract_months WHERE month BETWEEN '2014-09-01' AND '2014-10-01' AND shared_citizens = 1"));
    }

    [Fact]
    public async Task PlainDelete_RemovesOldMonths_AndTheMonthCanBeImportedAgain()
    {
        Assert.Equal(ImportReport.Imported, (await ImportAsync("sof_2015-01.csv", File(SofHeader, Sof(C1, "2015-01", "S1")))).Status);
        Assert.Equal(ImportReport.Imported, (await ImportAsync("sof_2015-02.csv", File(SofHeader, Sof(C2, "2015-02", "S2")))).Status);

        // What a retention job does: a plain DELETE on the partitioned table.
        await worker.Database.ExecuteAsync("DELETE FROM bifsof.sof_rows WHERE month >= '2015-01-01' AND month < '2015-02-01'");
        var again = await ImportAsync("sof_2015-01.csv", File(SofHeader, Sof(C3, "2015-01", "S3")));

        Assert.Equal(ImportReport.Imported, again.Status);
        Assert.Equal("2015-01-01 S3, 2015-02-01 S2", await worker.Database.ScalarAsync<string>(
            "SELECT string_agg(month || ' ' || case_number, ', ' ORDER BY month) FROM bifsof.sof_rows WHERE month >= '2015-01-01'"));
    }
}
