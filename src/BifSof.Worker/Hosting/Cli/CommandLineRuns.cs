using System.Globalization;
using BifSof.Worker.Common.Jobs;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Cli;

/// <summary>
/// Records a <c>run JOB</c> where a scheduled run leaves its trace: a succeeded job in Hangfire's storage, with the
/// run report as its result, and the recurring job's last execution pointing at it. "Planlagte job" and Hangfire's
/// own pages then show it like any run, with no table of our own.
/// </summary>
/// <remarks>
/// The two hash fields are the ones Hangfire's <c>RecurringJobManager.TriggerJob</c> writes, under the same lock;
/// Hangfire only displays them (the next run comes from <c>NextExecution</c>, which is left alone). A job that no
/// <c>serve</c> has registered yet has no recurring entry: then only the succeeded job is recorded.
/// The storage is opened on its own, not through the container: resolving Hangfire's services there runs its global
/// configuration, which adds this process's job filters to Hangfire's process-wide list for good. Hangfire's log
/// provider is process-wide too, and a container's logger factory ends with its container; Hangfire logs through a
/// console logger factory of its own here, which lives as long as the process.
/// </remarks>
internal static class CommandLineRuns
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);

    private static readonly Lazy<ILoggerFactory> HangfireLogs = new(() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddConsole(o =>
        {
            o.FormatterName = WorkerConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        })
        .AddConsoleFormatter<WorkerConsoleFormatter, ConsoleFormatterOptions>()));

    public static void Record(IServiceProvider services, WorkerJob job, DateOnly? asOf, string report, TimeSpan duration)
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new AspNetCoreLogProvider(HangfireLogs.Value));
        var connectionString = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        var options = new PostgreSqlStorageOptions { SchemaName = DatabaseOptions.HangfireSchema, PrepareSchemaIfNecessary = true };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        // The wall clock, not the job's: a run "as of 2010-03-03" still ran today.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var reason = asOf is { } day
            ? $"Kørt fra kommandolinjen: run {job.Id} --as-of {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"Kørt fra kommandolinjen: run {job.Id}";
        var method = job.JobType.GetMethod(nameof(IWorkerJob.RunAsync))!;
        var state = new SucceededState(report, 0, (long)duration.TotalMilliseconds) { Reason = reason };
        var runId = new BackgroundJobClient(storage).Create(new Job(job.JobType, method, CancellationToken.None), state);

        using var connection = storage.GetConnection();
        connection.SetJobParameter(runId, "RecurringJobId", SerializationHelper.Serialize(job.Id));
        var key = $"recurring-job:{job.Id}";
        using (connection.AcquireDistributedLock($"lock:{key}", LockTimeout))
        {
            if (connection.GetAllEntriesFromHash(key) is not { Count: > 0 })
            {
                return;
            }

            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(key, [new("LastExecution", JobHelper.SerializeDateTime(now)), new("LastJobId", runId)]);
            transaction.Commit();
        }
    }
}
