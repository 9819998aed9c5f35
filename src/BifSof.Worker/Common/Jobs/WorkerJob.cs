using System.Linq.Expressions;
using System.Reflection;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Common.Jobs;

/// <summary>One recurring job: its id (as on the dashboard and in <c>run JOB</c>), schedule and implementation.</summary>
public sealed class WorkerJob
{
    private readonly Action<IRecurringJobManager, RecurringJobOptions> _register;

    private WorkerJob(string id, string cron, TimeOnly runsAt, Type jobType, Action<IRecurringJobManager, RecurringJobOptions> register)
    {
        Id = id;
        Cron = cron;
        RunsAt = runsAt;
        JobType = jobType;
        _register = register;
    }

    public string Id { get; }

    /// <summary>Cron expression in Copenhagen time.</summary>
    public string Cron { get; }

    /// <summary>The time of day a <c>run JOB --as-of DATE</c> pretends it is.</summary>
    public TimeOnly RunsAt { get; }

    public Type JobType { get; }

    /// <summary>The Danish name Hangfire shows, from the job's <see cref="JobDisplayNameAttribute"/>.</summary>
    public string DisplayName =>
        JobType.GetMethod(nameof(IWorkerJob.RunAsync))?.GetCustomAttribute<JobDisplayNameAttribute>()?.DisplayName ?? Id;

    public static WorkerJob Create<TJob>(string id, string cron, TimeOnly runsAt)
        where TJob : class, IWorkerJob =>
        new(id, cron, runsAt, typeof(TJob), (manager, options) =>
            manager.AddOrUpdate<TJob>(id, RunExpression<TJob>(), cron, options));

    internal void Register(IRecurringJobManager manager, RecurringJobOptions options) => _register(manager, options);

    /// <summary>Runs the job once, now, in the given scope, as <c>run JOB</c> does.</summary>
    public Task<string> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ((IWorkerJob)services.GetRequiredService(JobType)).RunAsync(cancellationToken);

    // Hangfire swaps CancellationToken.None for the job's own token when it runs the job.
    private static Expression<Func<TJob, Task>> RunExpression<TJob>()
        where TJob : IWorkerJob => job => job.RunAsync(CancellationToken.None);
}
