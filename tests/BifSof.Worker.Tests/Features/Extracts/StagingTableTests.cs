using BifSof.Worker.Data;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// The COPY of a month's rows is read from the EF model of <c>bif_rows</c> and <c>sof_rows</c>; these tests hold it
/// against the migrated database, so a model that disagrees with its tables fails here, not at import.
/// </summary>
public sealed class StagingTableTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Tables => new() { "bif_rows", "sof_rows" };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Columns_AreEveryColumnOfTheMigratedTableWithItsType_ButTheFileReference_WhichTheNewTablesDefaultFills(string table)
    {
        var staging = Staging(table);
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var fresh = await MonthPartition.CreateAsync(connection, staging, new DateOnly(2013, 1, 1), 4711, connection.ProcessID, CancellationToken.None);

        var migrated = await ColumnsAsync(connection, transaction, $"bifsof.{table}");
        Assert.Equal(
            migrated.Where(c => c != "file_id bigint NOT NULL").Order(StringComparer.Ordinal),
            staging.Columns.Zip(staging.StoreTypes, (name, type) => $"{name} {type}").Select(c => migrated.Contains(c + " NOT NULL") ? c + " NOT NULL" : c).Order(StringComparer.Ordinal));
        Assert.Equal(migrated, await ColumnsAsync(connection, transaction, fresh));
        Assert.Equal("file_id", staging.FileColumn);
        await using var fileDefault = new NpgsqlCommand(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = @t::regclass AND a.attname = 'file_id'",
            connection,
            transaction);
        fileDefault.Parameters.AddWithValue("t", fresh);
        Assert.Equal("4711", await fileDefault.ExecuteScalarAsync());
    }

    /// <summary>
    /// The new table takes no lock on the partitioned table: an import holds its new table from the first row to the
    /// commit, and one replacing a month must be able to detach a partition meanwhile (it waits for every lock on the
    /// table, while holding the locks this import asks for next: a deadlock).
    /// </summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public async Task CreateAsync_HoldsNoLockOnThePartitionedTable(string table)
    {
        var staging = Staging(table);
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await MonthPartition.CreateAsync(connection, staging, new DateOnly(2013, 2, 1), 4712, connection.ProcessID, CancellationToken.None);

        await using var locks = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND relation = @t::regclass",
            connection,
            transaction);
        locks.Parameters.AddWithValue("t", $"bifsof.{table}");
        Assert.Equal(0L, await locks.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Import_StoresEveryColumn_WhenARowFillsThemAll()
    {
        const string cpr = "6105831111";
        var bif = await ImportAsync("bif_2013-03.csv", File(
            BifHeader,
            Bif(cpr, "2013-03", "B-1", model: "3", group: "2", activated: "ja", type: "loentilskud", hours: "12,5", jobPlan: "2013-02-01", stop: "2013-03-15", reason: "udeblivelse")));
        var sof = await ImportAsync("sof_2013-03.csv", File(
            SofHeader,
            Sof(cpr, "2013-03", "S-1", offered: "2013-01-02", produced: "2013-02-03", planType: "procesnotat", followUp: "2013-06-01", greenLine: "ja", coordination: "ja")));

        Assert.Equal((ImportReport.Imported, ImportReport.Imported), (bif.Status, sof.Status));
        Assert.Equal(string.Empty, await NullColumnsAsync("bif_rows"));
        Assert.Equal(string.Empty, await NullColumnsAsync("sof_rows"));
        Assert.Equal("2013-03-01|2|12.50|2013-03-15|udeblivelse", await worker.Database.ScalarAsync<string>(
            "SELECT concat_ws('|', month, normalized_group, activation_hours, benefit_stop_date, benefit_stop_reason) FROM bifsof.bif_rows WHERE month = '2013-03-01'"));
        Assert.Equal("procesnotat|2013-06-01|t|t", await worker.Database.ScalarAsync<string>(
            "SELECT concat_ws('|', plan_type, plan_follow_up, green_line, coordination) FROM bifsof.sof_rows WHERE month = '2013-03-01'"));
    }

    /// <summary>
    /// The COPY encodes each value itself (<see cref="BinaryCopyWriter"/>): what an import stores must be what PostgreSQL
    /// makes of the same text — hours with and without decimals, dates before PostgreSQL's epoch of 2000-01-01, text
    /// beyond ASCII. The encoder's full range (signs, large weights, every type) is held in <c>BinaryCopyWriterTests</c>.
    /// </summary>
    [Theory]
    [InlineData("2013-04", "0", "0", "1999-12-31")]
    [InlineData("2013-05", "0,5", "0.5", "2000-01-01")]
    [InlineData("2013-06", "12,5", "12.5", "2000-01-02")]
    [InlineData("2013-07", "37", "37", "1970-01-01")]
    [InlineData("2013-08", "1,25", "1.25", "2013-08-01")]
    [InlineData("2013-09", "10,05", "10.05", "2099-12-31")]
    public async Task Import_StoresEachValueAsPostgresReadsItsText(string month, string hours, string stored, string jobPlan)
    {
        const string cpr = "6105831112";
        var report = await ImportAsync($"bif_{month}.csv", File(
            BifHeader,
            Bif(cpr, month, "BIF-Æøå-" + month, activated: "ja", type: "andet", hours: hours, jobPlan: jobPlan, reason: "udeblivelse – “citat” æ ø å é ü 😀")));

        Assert.Equal(ImportReport.Imported, report.Status);
        Assert.Equal(
            $"t|t|t|t|t",
            await worker.Database.ScalarAsync<string>(
                $"""
                SELECT concat_ws('|', activation_hours = '{stored}'::numeric(5,2), activation_hours::text = '{stored}'::numeric(5,2)::text,
                                 job_plan_date = DATE '{jobPlan}', case_number = 'BIF-Æøå-{month}',
                                 benefit_stop_reason = 'udeblivelse – “citat” æ ø å é ü 😀')
                FROM bifsof.bif_rows WHERE month = '{month}-01'
                """));
    }

    /// <summary>The staging of <paramref name="table"/> as the import reads it from the worker's EF model.</summary>
    private StagingTable Staging(string table)
    {
        using var scope = worker.Scope();
        var model = scope.ServiceProvider.GetRequiredService<BifSofDbContext>().Model;
        return table == "bif_rows" ? StagingTable.For<BifRow>(model) : StagingTable.For<SofRow>(model);
    }

    private async Task<ImportReport> ImportAsync(string name, string content)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
    }

    /// <summary>The columns of the month's stored row that are null: a column the reader never fills.</summary>
    private Task<string> NullColumnsAsync(string table) => worker.Database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(e.key, ',' ORDER BY e.key), '') FROM bifsof.{table} r, json_each(row_to_json(r)) e WHERE r.month = '2013-03-01' AND e.value::text = 'null'");

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END FROM pg_attribute WHERE attrelid = @table::regclass AND attnum > 0 AND NOT attisdropped",
            connection,
            transaction);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
