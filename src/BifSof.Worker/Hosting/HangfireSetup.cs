using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

public static class HangfireSetup
{
    /// <summary>The queues this worker's server takes jobs from (Hangfire's default queue only).</summary>
    internal static readonly string[] ServerQueues = [EnqueuedState.DefaultQueue];

    /// <summary>How often <see cref="QueueNudger"/> looks for a job still waiting to start.</summary>
    internal static readonly TimeSpan QueueNudgeInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Hangfire on PostgreSQL, in its own schema of the worker's database. LISTEN/NOTIFY wakes a worker the moment a
    /// job is enqueued instead of after the poll; the sliding invisibility timeout keeps a long job from being picked
    /// up twice while its server is alive. The queue's guarantees and their workaround: docs/operations.md, "Queue".
    /// </summary>
    public static IHostApplicationBuilder AddBifSofHangfire(this IHostApplicationBuilder builder, bool runServer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            // Hangfire's log provider is process-wide; a process may hold several hosts (tests), and one that ends must
            // not leave its disposed logger factory to the others.
            .UseLogProvider(new DisposalTolerantLogProvider(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())))
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = DatabaseOptions.HangfireSchema,
                    PrepareSchemaIfNecessary = true,
                    EnableLongPolling = true,
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                    // Bounds every idle worker's wait even when a notification is lost (one cheap query per worker per
                    // interval); was 15 s. Part of the workaround for
                    // https://github.com/hangfire-postgres/Hangfire.PostgreSql/issues/410, see QueueNudger.
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                }));
        if (runServer)
        {
            // Workaround for https://github.com/hangfire-postgres/Hangfire.PostgreSql/issues/410 and the lost wake-up
            // of 1.21.1's long polling (QueueNudger): Hangfire runs every IBackgroundProcess service in this server.
            builder.Services.AddSingleton<IBackgroundProcess>(sp => new QueueNudger(
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!,
                ServerQueues,
                QueueNudgeInterval,
                sp.GetRequiredService<ILogger<QueueNudger>>()));
            builder.Services.AddHangfireServer((sp, options) =>
            {
                // The features' server filters (e.g. the pause filter) belong to this server, not to Hangfire's
                // process-wide list, where they would outlive their container.
                var ours = new JobFilterCollection();
                foreach (var filter in sp.GetServices<IServerFilter>())
                {
                    ours.Add(filter);
                }

                options.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, ours);
                options.Queues = ServerQueues;
                options.ServerName = $"bifsof-{Environment.MachineName}-{Environment.ProcessId}";
                options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
                options.ShutdownTimeout = TimeSpan.FromSeconds(6); // stop within systemd's and Docker's 10 s; a job cut off is retried
                // This host's services, not whichever host last set Hangfire's process-wide activator.
                options.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            });
        }

        return builder;
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
