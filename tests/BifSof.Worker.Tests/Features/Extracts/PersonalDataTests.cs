using System.Text;
using System.Text.Json;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>CPR numbers are for matching only: after imports, good and refused, none is in the database, the logs or the reports.</summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private static readonly string[] Cprs = ["6212751234", "6307881234", "6401951234", "6505021234", "6606111234"];

    private readonly TestDatabase _database = new();
    private readonly CapturedLog _log = new();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Import_LeavesNoCprInTheDatabaseTheLogsOrTheReports()
    {
        var settings = new WorkerSettings(_database.ConnectionString).With("Logging:LogLevel:Default", "Trace");
        await using var app = await WorkerServices.StartAsync(settings, builder => builder.Logging.AddProvider(_log));

        const string m = "2010-01";
        var files = new[]
        {
            Write(_folder, "bif_2010-01.csv", File(BifHeader, Cprs.Select((c, i) => Bif(i % 2 == 0 ? c : c[..6] + "-" + c[6..], m, $"BIF-{i}")).ToArray())),
            Write(_folder, "sof_2010-01.csv", File(SofHeader, Cprs.Select((c, i) => Sof(c, m, $"SOF-{i}")).ToArray()), Windows1252),
            // Refused: a repeated CPR, a bad one, and a good CPR in a row with another error.
            Write(_folder, "bif_2010-02.csv", File(BifHeader, Bif(Cprs[0], "2010-02", "B1"), Bif(Cprs[0], "2010-02", "B2"), Bif(Cprs[1][..9], "2010-02", "B3"), Bif(Cprs[2], "2010-02", "B4", group: "x"))),
            Write(_folder, "sof_2010-02.csv", File(SofHeader, Sof(Cprs[3], "2010-02", "S1", unit: "?"), Sof(Cprs[4], "2010-03", "S2"))),
        };
        var reports = new List<string>();
        foreach (var file in files)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(file, CancellationToken.None);
            reports.Add(JsonSerializer.Serialize(report));
        }

        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM bifsof.extract_files WHERE status = 'imported'"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM bifsof.extract_files WHERE status = 'rejected'"));
        var everything = new StringBuilder(await _database.ScalarAsync<string>(
            """
            SELECT string_agg(row_to_json(t)::text, E'\n')
            FROM (SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('bifsof', 'hangfire')) tables,
                 LATERAL (SELECT query_to_xml('SELECT * FROM ' || tables.name, true, false, '')::text AS content) t
            """));
        everything.AppendJoin('\n', _log.Lines).AppendJoin('\n', reports);
        var text = everything.ToString();

        // The scan reaches the refused file's stored report: its masked CPR (birth date only) is there.
        Assert.Contains(Cprs[0][..6] + "-****", text, StringComparison.Ordinal);
        foreach (var cpr in Cprs)
        {
            Assert.DoesNotContain(cpr, text, StringComparison.Ordinal);
            Assert.DoesNotContain(cpr[..6] + "-" + cpr[6..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(cpr[6..] + ";", text, StringComparison.Ordinal);
        }

        Assert.Contains("SOF-3", text, StringComparison.Ordinal); // case numbers are there: the scan sees the data
        Assert.Contains(_log.Lines, l => l.Contains("bif_2010-02.csv rejected", StringComparison.Ordinal));
    }
}
