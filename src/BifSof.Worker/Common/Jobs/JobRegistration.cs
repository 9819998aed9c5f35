using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BifSof.Worker.Common.Jobs;

/// <summary>How a feature adds its recurring jobs, from its <c>AddXxx</c>.</summary>
public static class JobRegistration
{
    /// <summary>
    /// The registry of this host's jobs. It exists while the host is being built, so a verb can look a job up
    /// (e.g. to set the clock to the job's time of day) before the services are built.
    /// </summary>
    public static WorkerJobs WorkerJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Properties.TryGetValue(typeof(WorkerJobs), out var existing))
        {
            return (WorkerJobs)existing;
        }

        var jobs = new WorkerJobs();
        builder.Properties[typeof(WorkerJobs)] = jobs;
        builder.Services.AddSingleton(jobs);
        return jobs;
    }

    /// <param name="id">The job's id on the dashboard and in <c>run JOB</c> (docs/cli.md).</param>
    /// <param name="cron">Its schedule, Copenhagen time.</param>
    /// <param name="runsAt">The time of day a <c>run JOB --as-of DATE</c> pretends it is.</param>
    public static IHostApplicationBuilder AddRecurringJob<TJob>(this IHostApplicationBuilder builder, string id, string cron, TimeOnly runsAt)
        where TJob : class, IWorkerJob
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WorkerJobs().Add(WorkerJob.Create<TJob>(id, cron, runsAt));
        builder.Services.AddScoped<TJob>();
        return builder;
    }
}
