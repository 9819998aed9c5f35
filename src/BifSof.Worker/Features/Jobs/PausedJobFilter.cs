using BifSof.Worker.Common.Jobs;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Jobs;

/// <summary>
/// Hangfire's dashboard cannot pause a recurring job; this filter can. Before any run of a worker job, scheduled,
/// triggered from the dashboard or enqueued by another job, it asks the database whether the job is paused and, if
/// so, cancels the run before it does any work.
/// </summary>
internal sealed class PausedJobFilter(IServiceProvider services) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
        var job = services.GetRequiredService<WorkerJobs>().Find(context.BackgroundJob.Job.Type);
        if (job is null)
        {
            return; // Not one of ours: nothing to honour.
        }

        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetRequiredService<JobPauses>().IsPaused(job.Id))
        {
            var logger = scope.ServiceProvider.GetRequiredService<ILogger<PausedJobFilter>>();
            JobLog.SkippedWhilePaused(logger, job.Id, context.BackgroundJob.Id);
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}
