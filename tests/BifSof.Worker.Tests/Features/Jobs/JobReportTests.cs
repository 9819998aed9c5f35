using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Jobs;

/// <summary>A job's own run report is on its dashboard page, so an admin sees what a run did without the logs.</summary>
[Collection(ServingWorkerGroup.Name)]
public class JobReportTests(ServingWorker worker)
{
    [Fact]
    public async Task JobDetailsPage_ShowsTheRunReportTheJobReturned()
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var runId = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<MonthlyKpisJob>(job => job.RunAsync(CancellationToken.None));
        using var connection = scope.ServiceProvider.GetRequiredService<JobStorage>().GetConnection();
        for (var i = 0; i < 100 && connection.GetStateData(runId)?.Name != "Succeeded"; i++)
        {
            await Task.Delay(100);
        }

        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        // Hangfire's own pages write æøå as numeric entities.
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/hangfire/jobs/details/{runId}", UriKind.Relative)));

        Assert.Contains("Beregn månedens nøgletal", page, StringComparison.Ordinal);
        Assert.True(
            page.Contains("nøgletal beregnet for", StringComparison.Ordinal) || page.Contains("ingen måneder at beregne", StringComparison.Ordinal),
            "the run report is not on the page");
    }
}
