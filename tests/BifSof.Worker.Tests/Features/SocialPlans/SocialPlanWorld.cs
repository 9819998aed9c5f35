using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>
/// A database of one test's own with hand-built months imported through the real importer, the catalogue loaded,
/// and the feature's services at hand. Every CPR is a replacement number (day + 60).
/// </summary>
public sealed class SocialPlanWorld : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public WorkerServices Worker { get; } = new();

    public async Task InitializeAsync()
    {
        await Worker.InitializeAsync();
        await using var scope = Worker.Scope();
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await Worker.DisposeAsync();
    }

    /// <summary>A replacement CPR number, distinct per <paramref name="n"/> (0–9999).</summary>
    public static string Cpr(int n) => $"610180{n:0000}";

    /// <summary>Imports one extract; the month is read from the file name, as the inbox does.</summary>
    public async Task ImportAsync(string source, string month, params string[] rows)
    {
        var path = Write(_folder, $"{source}_{month}.csv", File(source == "bif" ? BifHeader : SofHeader, rows));
        await using var scope = Worker.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);
        Assert.True(report.Status == ImportReport.Imported, $"{source}_{month}: {report.Status} {string.Join("; ", report.Errors.Select(e => e.Message))}");
    }

    /// <summary>Imports both extracts of a month: BIF rows for the given citizens (match group 4: shared) and their SOF rows.</summary>
    public async Task ImportMonthAsync(string month, IEnumerable<int> bifCitizens, params string[] sofRows)
    {
        await ImportAsync("bif", month, [.. bifCitizens.Select(n => Bif(Cpr(n), month, $"BIF-{n}"))]);
        await ImportAsync("sof", month, sofRows);
    }

    public async Task<IReadOnlyList<OverdueCase>> OverdueAsync(string asOf)
    {
        await using var scope = Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<OverdueCases>().ListAsync(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
    }

    public async Task<ChaseReport> ChaseAsync(string day) => await ChaseAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

    public async Task<ChaseReport> ChaseAsync(DateOnly day)
    {
        await using var scope = Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<SocialPlanChaser>().RunAsync(day, CancellationToken.None);
    }
}
