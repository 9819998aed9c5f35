using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>The demo verb's files go through the real importer: every one of them imports, every month matches.</summary>
public sealed class DemoImportTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DemoThenImport_ImportsAllSeventyTwoFiles_AndMatchesEveryMonth()
    {
        var demo = await CliRun.RunAsync(worker.Settings, "demo", "--out", _folder.Path, "--citizens", "150", "--seed", "7");
        Assert.True(demo.ExitCode == ExitCodes.Success, demo.Error);
        var files = Directory.GetFiles(_folder.Path, "*.csv").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(72, files.Length);

        var import = await CliRun.RunAsync(worker.Settings, ["import", .. files]);

        Assert.True(import.ExitCode == ExitCodes.Success, import.Out);
        Assert.Equal(72, import.Out.Split('\n').Count(l => l.Contains(": indlæst", StringComparison.Ordinal)));
        Assert.Equal(36L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.extract_months WHERE matched_at IS NOT NULL AND shared_citizens > 0"));
        Assert.True(await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.extract_files WHERE encoding = 'windows-1252' AND status = 'imported'") >= 6);
    }

    [Theory]
    [InlineData("--citizens", "0")]
    [InlineData("--citizens", "many")]
    [InlineData("--seed", "")]
    public async Task Demo_RefusesBadArguments_WithExitCode2(string option, string value)
    {
        var result = await CliRun.RunAsync(worker.Settings, "demo", "--out", _folder.Path, option, value);
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
    }

    [Fact]
    public async Task Demo_RequiresAnOutputFolder()
    {
        var result = await CliRun.RunAsync(worker.Settings, "demo", "--citizens", "10");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }
}
