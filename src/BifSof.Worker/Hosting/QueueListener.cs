using System.Collections.Concurrent;
using System.Data;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.Storage;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>
/// Replaces Hangfire.PostgreSql 1.21.1's long polling (docs/operations.md, "Queue"; upstream
/// https://github.com/hangfire-postgres/Hangfire.PostgreSql/issues/410). With <c>EnableLongPolling</c> every
/// <c>Dequeue</c> starts a listener of its own (two pooled connections, a <c>LISTEN</c>, a cancelled wait) whose
/// cancellation is waited for without a bound, and a listener dropped by the server loses the wake-ups sent meanwhile.
/// Here long polling is off and one dedicated connection per process LISTENs; on each notification, and after every
/// (re)connect (a notification sent meanwhile is lost), it wakes every worker waiting in the storage's own
/// <see cref="PostgreSqlJobQueue"/> through its public <see cref="PostgreSqlJobQueue.FetchNextJob"/>.
/// To remove once upstream is fixed: turn <c>EnableLongPolling</c> back on in <see cref="HangfireSetup.StorageOptions"/>,
/// delete this file and its uses in <see cref="HangfireSetup"/>.
/// </summary>
internal sealed class QueueListener : IBackgroundProcess
{
    /// <summary>How long one wait for a notification lasts before the stop request is looked at again.</summary>
    private const int WaitSliceMs = 1000;

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly QueueWaiters _waiters;
    private readonly ILogger<QueueListener> _logger;

    public QueueListener(string connectionString, QueueWaiters waiters, ILogger<QueueListener> logger)
    {
        // Its own physical connection: never handed back to the pool half-listening, gone with the process.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "bifsof-queue-listener" }.ConnectionString;
        _waiters = waiters;
        _logger = logger;
    }

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using (var listen = new NpgsqlCommand($"LISTEN {QueueNudger.Channel}", connection))
            {
                listen.ExecuteNonQuery();
            }

            // Whatever was enqueued while this process was not listening.
            _waiters.WakeAll();
            QueueLog.Listening(_logger);
            while (!context.IsStopping)
            {
                if (connection.Wait(WaitSliceMs))
                {
                    _waiters.WakeAll();
                }
            }
        }
        catch (NpgsqlException ex)
        {
            // Handled here, not by Hangfire, whose retry backs off up to 5 minutes: the listener must be back first.
            QueueLog.ListenerLost(_logger, ex.Message);
            context.Wait(ReconnectDelay);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.IsStopping)
        {
            // A broken connector can also surface as IOException, InvalidOperationException or ObjectDisposedException:
            // every fault of the listener's own connection reconnects after the same short delay.
            QueueLog.ListenerLost(_logger, ex.Message);
            context.Wait(ReconnectDelay);
        }
    }

    public override string ToString() => nameof(QueueListener);
}

/// <summary>The storage's job queues whose workers are waiting in <c>Dequeue</c> right now.</summary>
internal sealed class QueueWaiters
{
    private readonly ConcurrentDictionary<PostgreSqlJobQueue, byte> _waiting = new();

    public void Add(PostgreSqlJobQueue queue) => _waiting.TryAdd(queue, 0);

    public void Remove(PostgreSqlJobQueue queue) => _waiting.TryRemove(queue, out _);

    /// <summary>Each waiting worker looks for a job again now (a worker about to wait returns at once).</summary>
    public void WakeAll()
    {
        foreach (var queue in _waiting.Keys)
        {
            queue.FetchNextJob();
        }
    }
}

/// <summary>The storage's own queue for the server's queues, registered so that <see cref="QueueListener"/> can wake it.</summary>
internal sealed class ListeningJobQueueProvider(PostgreSqlStorage storage, PostgreSqlStorageOptions options, ILogger logger) : IPersistentJobQueueProvider
{
    private readonly PostgreSqlJobQueueProvider _inner = new(storage, options);

    public QueueWaiters Waiters { get; } = new();

    public IPersistentJobQueue GetJobQueue() => new ListeningJobQueue(storage, Waiters, logger);

    public IPersistentJobQueueMonitoringApi GetJobQueueMonitoringApi() => _inner.GetJobQueueMonitoringApi();
}

/// <summary>
/// <see cref="PostgreSqlJobQueue"/> as it is, plus: it can be woken while it waits, it sends <c>NOTIFY new_job</c>
/// with every enqueue (in the enqueue's transaction, as long polling did), and a worker whose fetch fails because the
/// database is away tries again every second instead of under Hangfire's back-off of up to 5 minutes.
/// </summary>
internal sealed class ListeningJobQueue(PostgreSqlStorage storage, QueueWaiters waiters, ILogger logger) : IPersistentJobQueue
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly PostgreSqlJobQueue _inner = new(storage);

    public IFetchedJob Dequeue(string[] queues, CancellationToken cancellationToken)
    {
        waiters.Add(_inner);
        try
        {
            for (var failures = 0; ; failures++)
            {
                try
                {
                    return _inner.Dequeue(queues, cancellationToken);
                }
                catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The database is restarting or unreachable; the next attempt shows whether it is back. Said once
                    // per worker and outage, and then once a minute, in case it is not an outage.
                    if (failures % 60 == 0)
                    {
                        QueueLog.FetchFailed(logger, ex.Message);
                    }

                    cancellationToken.WaitHandle.WaitOne(RetryDelay);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            waiters.Remove(_inner);
        }
    }

    public void Enqueue(IDbConnection connection, string queue, string jobId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _inner.Enqueue(connection, queue, jobId);
        using var notify = connection.CreateCommand();
        notify.CommandText = $"NOTIFY {QueueNudger.Channel}";
        notify.ExecuteNonQuery();
    }
}
