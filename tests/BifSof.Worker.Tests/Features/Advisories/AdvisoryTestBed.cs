using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>
/// A worker on a database of its own with the shipped catalogue loaded: hand-built extracts go in through the real
/// importer, jobs run with the clock set to a day at their scheduled time, as <c>run JOB --as-of</c> does.
/// </summary>
public sealed class AdvisoryTestBed : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public WorkerServices Worker { get; } = new();

    /// <summary>A token of this test's own, for addresses in the shared mail sink.</summary>
    public string Run { get; } = RunId.New();

    public async Task InitializeAsync()
    {
        await Worker.InitializeAsync();
        await using var scope = Worker.Scope();
        var file = scope.ServiceProvider.GetRequiredService<IOptions<BifSofOptions>>().Value.CatalogueFile;
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(file, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await Worker.DisposeAsync();
    }

    /// <summary>A replacement CPR number (day + 60) of its own for citizen <paramref name="n"/> (0–9999): never a real person's.</summary>
    public static string Cpr(int n) => string.Create(CultureInfo.InvariantCulture, $"{61 + (n % 28):00}0180{n:0000}");

    /// <summary>Imports one extract file and insists it is stored (imported, or unchanged when the same bytes are in).</summary>
    public async Task ImportAsync(string name, string content)
    {
        var path = Fixtures.Extracts.Write(_folder, name, content);
        await using var scope = Worker.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);
        Assert.True(report.Status is ImportReport.Imported or ImportReport.Unchanged, $"{name}: {report.Status}, {string.Join("; ", report.Errors.Select(e => e.Message))}");
    }

    /// <summary>Runs the job with the id as the schedule would on that day; returns its run report.</summary>
    public async Task<string> RunAsync(string jobId, string day)
    {
        var job = Worker.Services.GetRequiredService<WorkerJobs>().Find(jobId) ?? throw new InvalidOperationException($"No job '{jobId}'.");
        await using var scope = Worker.Scope();
        var clock = new FixedClock(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), job.RunsAt);
        var instance = (IWorkerJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, job.JobType, (TimeProvider)clock);
        return await instance.RunAsync(CancellationToken.None);
    }

    public async Task<List<OutboxMessage>> OutboxAsync(string keyPrefix)
    {
        await using var scope = Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.BusinessKey.StartsWith(keyPrefix))
            .OrderBy(m => m.Id)
            .ToListAsync();
    }

    public async Task<DispatchReport> DispatchAsync()
    {
        await using var scope = Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<BifSofDbContext, Task<T>> query)
    {
        await using var scope = Worker.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<BifSofDbContext>());
    }
}
