using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>
/// KPIs need the catalogue's population rules and targets: on a database where it was never loaded, every way of
/// computing them refuses instead of computing without them. (KpiCalculationTests computes them with it.)
/// </summary>
public sealed class KpiCatalogueTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        foreach (var (name, content) in new[]
        {
            ("bif_2010-05.csv", File(BifHeader, Bif("6101831111", "2010-05", "BIF-1", activated: "ja", type: "andet"))),
            ("sof_2010-05.csv", File(SofHeader, Sof("6101831111", "2010-05", "SOF-1"))),
        })
        {
            await using var scope = worker.Scope();
            var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
            Assert.True(report.Status is ImportReport.Imported or ImportReport.Unchanged, $"{name}: {report.Status}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ComputeAsync_RefusesAndStoresNothing_WhenNoCatalogueIsLoaded()
    {
        await using var scope = worker.Scope();

        await Assert.ThrowsAsync<CatalogueNotLoadedException>(() =>
            scope.ServiceProvider.GetRequiredService<KpiService>().ComputeAsync(new DateOnly(2010, 5, 1), CancellationToken.None));

        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.monthly_kpis"));
        Assert.Equal(1L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.kpi_stale_months WHERE month = '2010-05-01'"));
    }

    [Fact]
    public async Task MonthlyKpisJob_ReportsTheMissingCatalogue_WhenAMonthWaits()
    {
        await using var scope = worker.Scope();

        var refusal = await Assert.ThrowsAsync<CatalogueNotLoadedException>(() =>
            scope.ServiceProvider.GetRequiredService<MonthlyKpisJob>().RunAsync(CancellationToken.None));

        Assert.Contains("indlæs kataloget først", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KpiVerb_RefusesWithExitCode2_AndPrintsNoFigures_WhenNoCatalogueIsLoaded()
    {
        var result = await CliRun.RunAsync(worker.Settings, "kpi", "2010-05");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains("indlæs kataloget først", result.Error, StringComparison.Ordinal);
    }
}
