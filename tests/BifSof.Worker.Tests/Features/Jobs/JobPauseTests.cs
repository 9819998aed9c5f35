using BifSof.Worker.Data;
using BifSof.Worker.Features.Jobs;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Jobs;

/// <summary>Pausing a job in the serving worker stops every run of it until it is resumed.</summary>
[Collection(ServingWorkerGroup.Name)]
public class JobPauseTests(ServingWorker worker)
{
    [Fact]
    public async Task PausedOutboxDispatch_SendsNothing_UntilResumed()
    {
        var to = $"paused-{Guid.NewGuid():N}@test.example.dk";
        await using var scope = worker.Services.CreateAsyncScope();
        var pauses = scope.ServiceProvider.GetRequiredService<JobPauses>();
        await pauses.PauseAsync("outbox-dispatch", "test", CancellationToken.None);
        try
        {
            await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
                new OutgoingEmail($"pause:{to}", "testmail", new { RequestedBy = "test", RequestedAt = DateTimeOffset.UtcNow }, [to]), CancellationToken.None);
            var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
            var runId = jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));

            // The run is picked up at once (LISTEN/NOTIFY) and cancelled by the pause before it does any work.
            using var connection = scope.ServiceProvider.GetRequiredService<JobStorage>().GetConnection();
            for (var i = 0; i < 300 && connection.GetStateData(runId)?.Name is null or "Enqueued" or "Processing"; i++)
            {
                await Task.Delay(100);
            }

            // The run must have been picked up and ended by the pause: still enqueued would prove nothing.
            var state = connection.GetStateData(runId)?.Name;
            Assert.True(state is "Succeeded" or "Deleted", $"the paused run ended as '{state}', not cancelled by the pause");
            var cli = await CliRun.RunAsync(new WorkerSettings(worker.Database.ConnectionString), "run", "outbox-dispatch");
            Assert.Equal(ExitCodes.Refused, cli.ExitCode);
            Assert.Contains("paused", cli.Error, StringComparison.Ordinal);
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            Assert.Equal(OutboxStatus.Pending, (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.BusinessKey == $"pause:{to}")).Status);
        }
        finally
        {
            await pauses.ResumeAsync("outbox-dispatch", CancellationToken.None);
        }

        scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        using var mailDev = MailDevClient.Shared();
        Assert.Single(await mailDev.WaitForAsync(to, 1, TimeSpan.FromSeconds(30)));
    }
}
