using System.Text.Json;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

public sealed class ImportInboxJobTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private readonly TempFolder _inbox = new();

    public void Dispose() => _inbox.Dispose();

    private WorkerSettings Settings(int minimumAge) => new WorkerSettings(worker.Database.ConnectionString)
        .With("Extracts:InboxPath", _inbox.Path)
        .With("Extracts:MinimumFileAgeSeconds", minimumAge.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Run_ImportsTheInbox_MovingEachFileToArchiveOrRejectedWithItsReport()
    {
        Write(_inbox, "bif_2011-01.csv", File(BifHeader, Bif("6101801301", "2011-01", "BIF-1", model: "3", group: "2")));
        Write(_inbox, "sof_2011-01.csv", File(SofHeader, Sof("6101801301", "2011-01", "SOF-1", unit: "botilbud")));

        var young = await CliRun.RunAsync(Settings(3600), "run", "import-inbox");
        Assert.Equal("import-inbox: indlæst 0, uændret 0, afvist 0, venter 2", young.Out.Trim());

        var result = await CliRun.RunAsync(Settings(0), "run", "import-inbox");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal("import-inbox: indlæst 1, uændret 0, afvist 1, venter 0", result.Out.Trim());
        Assert.Empty(Directory.GetFiles(_inbox.Path));
        var archived = Assert.Single(Directory.GetFiles(Path.Combine(_inbox.Path, "archive"), "*.csv"));
        Assert.EndsWith("_bif_2011-01.csv", archived, StringComparison.Ordinal);
        var rejected = Assert.Single(Directory.GetFiles(Path.Combine(_inbox.Path, "rejected"), "*.csv"));
        using var report = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(rejected + ".report.json"));
        Assert.Equal("rejected", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("enhed", report.RootElement.GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Equal(1L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.bif_rows WHERE month = '2011-01-01'"));

        var again = await CliRun.RunAsync(Settings(0), "run", "import-inbox");
        Assert.Equal("import-inbox: indlæst 0, uændret 0, afvist 0, venter 0", again.Out.Trim());
    }
}
