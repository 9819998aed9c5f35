using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>The two jobs answer to their contract ids in <c>run JOB --as-of</c>.</summary>
public sealed class AdvisoryJobsCliTests : IAsyncLifetime
{
    private readonly AdvisoryTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public Task DisposeAsync() => _bed.DisposeAsync();

    [Theory]
    [InlineData("benefit-stop-advisories", "6. april 2010: 0 advis om ydelsesstop lagt i udbakken")]
    [InlineData("coordination-meetings", "6. april 2010: ingen måned med begge udtræk; intet lagt i udbakken")]
    public async Task RunVerb_RunsTheJobAndPrintsItsReport_WhenGivenItsId(string job, string report)
    {
        var result = await CliRun.RunAsync(_bed.Worker.Settings, "run", job, "--as-of", "2010-04-06");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains(report, result.Out, StringComparison.Ordinal);
    }
}
