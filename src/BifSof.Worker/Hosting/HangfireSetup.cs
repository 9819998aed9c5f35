using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

public static class HangfireSetup
{
    /// <summary>The queues this worker's server takes jobs from (Hangfire's default queue only).</summary>
    internal static readonly string[] ServerQueues = [EnqueuedState.DefaultQueue];

    /// <summary>How often <see cref="QueueNudger"/> looks for a job still waiting to start.</summary>
    internal static readonly TimeSpan QueueNudgeInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Hangfire on PostgreSQL, in its own schema of the worker's database. One LISTEN connection per process
    /// (<see cref="QueueListener"/>) wakes the idle workers the moment a job is enqueued anywhere instead of after the
    /// poll; the sliding invisibility timeout keeps a long job from being picked up twice while its server is alive.
    /// The queue's guarantees and their workaround: docs/operations.md, "Queue".
    /// </summary>
    public static IHostApplicationBuilder AddBifSofHangfire(this IHostApplicationBuilder builder, bool runServer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => CreateStorage(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHangfire((sp, configuration) => configuration
            .UseBifSofSerialization()
            // Hangfire's log provider is process-wide; a process may hold several hosts (tests), and one that ends must
            // not leave its disposed logger factory to the others.
            .UseLogProvider(new DisposalTolerantLogProvider(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())))
            .UseStorage(sp.GetRequiredService<PostgreSqlStorage>()));
        if (runServer)
        {
            // Hangfire runs every IBackgroundProcess service in this server.
            builder.Services.AddSingleton<IBackgroundProcess>(sp => CreateQueueListener(
                sp.GetRequiredService<PostgreSqlStorage>(),
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!,
                sp.GetRequiredService<ILoggerFactory>()));
            builder.Services.AddSingleton<IBackgroundProcess>(sp => CreateQueueNudger(
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!,
                sp.GetRequiredService<ILoggerFactory>()));
            builder.Services.AddHangfireServer((sp, options) =>
            {
                ApplyServerOptions(options);
                // The features' server filters (e.g. the pause filter) belong to this server, not to Hangfire's
                // process-wide list, where they would outlive their container.
                var ours = new JobFilterCollection();
                foreach (var filter in sp.GetServices<IServerFilter>())
                {
                    ours.Add(filter);
                }

                options.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, ours);
                // This host's services, not whichever host last set Hangfire's process-wide activator.
                options.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            });
        }

        return builder;
    }

    /// <summary>The worker's job serialization (also used by the queue harness under bench/, so both enqueue alike).</summary>
    public static IGlobalConfiguration UseBifSofSerialization(this IGlobalConfiguration configuration) => configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();

    /// <summary>The worker's storage settings. See docs/operations.md, "Queue", for each value.</summary>
    public static PostgreSqlStorageOptions StorageOptions() => new()
    {
        SchemaName = DatabaseOptions.HangfireSchema,
        PrepareSchemaIfNecessary = true,
        // Off: 1.21.1's long polling starts a listener per Dequeue whose cancellation is awaited without a bound (a
        // worker that has claimed a job can hang there) and loses wake-ups when its connection is dropped
        // (https://github.com/hangfire-postgres/Hangfire.PostgreSql/issues/410). QueueListener does the waking
        // instead, one connection per process; docs/operations.md, "Queue".
        EnableLongPolling = false,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        // Bounds every idle worker's wait even when a notification is lost (one cheap query per worker per interval);
        // Hangfire.PostgreSql's default is 15 s.
        QueuePollInterval = TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// The worker's Hangfire storage: <see cref="StorageOptions"/>, with the server's queues served by
    /// <see cref="ListeningJobQueueProvider"/> (the storage's own queue, woken by <see cref="QueueListener"/>, sending
    /// <c>NOTIFY</c> with every enqueue).
    /// </summary>
    public static PostgreSqlStorage CreateStorage(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        var options = StorageOptions();
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ListeningJobQueue>();
        storage.QueueProviders.Add(new ListeningJobQueueProvider(storage, options, logger), ServerQueues);
        return storage;
    }

    /// <summary>The worker's server settings, beside the filters and activator that belong to its host.</summary>
    public static void ApplyServerOptions(BackgroundJobServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Queues = ServerQueues;
        options.ServerName = $"bifsof-{Environment.MachineName}-{Environment.ProcessId}";
        options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        options.ShutdownTimeout = TimeSpan.FromSeconds(6); // stop within systemd's and Docker's 10 s; a job cut off is retried
    }

    /// <summary>The process that wakes this server's idle workers on <c>NOTIFY new_job</c>.</summary>
    public static IBackgroundProcess CreateQueueListener(PostgreSqlStorage storage, string connectionString, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var provider = storage.QueueProviders.GetProvider(ServerQueues[0]) as ListeningJobQueueProvider
            ?? throw new InvalidOperationException("The storage was not made by HangfireSetup.CreateStorage.");
        return new QueueListener(connectionString, provider.Waiters, loggerFactory.CreateLogger<QueueListener>());
    }

    /// <summary>The safety net: a <c>NOTIFY</c> every few seconds while a job is still waiting to start.</summary>
    public static IBackgroundProcess CreateQueueNudger(string connectionString, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new QueueNudger(connectionString, ServerQueues, QueueNudgeInterval, loggerFactory.CreateLogger<QueueNudger>());
    }

    private sealed class DisposalTolerantLogProvider(ILogProvider inner) : ILogProvider
    {
        public ILog GetLogger(string name)
        {
            try
            {
                return inner.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return new Silent(); // the host whose logging this was has ended
            }
        }
    }

    private sealed class Silent : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
