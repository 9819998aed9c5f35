using Hangfire.Server;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>
/// The queue's safety net (docs/operations.md, "Queue"): every few seconds, while a job of this server's queues is
/// still in the Enqueued state, it sends one <c>NOTIFY new_job</c> on the channel <see cref="QueueListener"/> LISTENs on,
/// which wakes the idle workers of every process. It bounds a wake-up lost by chance (a notification sent while a
/// listener was reconnecting, upstream https://github.com/hangfire-postgres/Hangfire.PostgreSql/issues/410) to its
/// interval instead of the poll's. With long polling back on (Hangfire.PostgreSql 1.21.1) it also releases a worker
/// that has claimed a job but hangs in <c>PostgreSqlJobQueue.Dequeue</c>'s <c>finally</c>, waiting for its per-dequeue
/// listener task. An idle queue costs one indexed query per interval and no notification. Remove this class and its
/// registration in <see cref="HangfireSetup"/> once upstream fixes both.
/// </summary>
internal sealed class QueueNudger : IBackgroundProcess
{
    /// <summary>The channel Hangfire.PostgreSql 1.21.1 LISTENs and NOTIFYs on (its private <c>JobNotificationChannel</c>).</summary>
    public const string Channel = "new_job";

    private readonly string _connectionString;
    private readonly string[] _queues;
    private readonly TimeSpan _interval;
    private readonly ILogger<QueueNudger> _logger;
    private readonly string _sql;

    public QueueNudger(string connectionString, IEnumerable<string> queues, TimeSpan interval, ILogger<QueueNudger> logger)
    {
        _connectionString = connectionString;
        _queues = [.. queues];
        _interval = interval;
        _logger = logger;
        // One round trip, set-based: a notification only when some job of these queues is still waiting to start
        // (unclaimed, or claimed by a worker that never moved it on to Processing).
        _sql = $"""
            SELECT pg_notify('{Channel}', '')
            WHERE EXISTS (
                SELECT 1
                FROM "{DatabaseOptions.HangfireSchema}"."jobqueue" q
                JOIN "{DatabaseOptions.HangfireSchema}"."job" j ON j."id" = q."jobid"
                WHERE q."queue" = ANY (@queues) AND j."statename" = 'Enqueued')
            """;
    }

    public TimeSpan Interval => _interval;

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (NudgeIfWaiting(context.StoppingToken))
            {
                QueueLog.Nudged(_logger);
            }
        }
        catch (NpgsqlException ex)
        {
            // Handled here, not by Hangfire: its retry backs off up to 5 minutes, and this process is what must run
            // again first when the database is back.
            QueueLog.NudgeFailed(_logger, ex.Message);
        }
        catch (OperationCanceledException) when (context.StoppingToken.IsCancellationRequested)
        {
            return;
        }

        context.Wait(_interval);
    }

    /// <summary>Sends the notification if a job of the queues is still Enqueued; tells whether it did.</summary>
    internal bool NudgeIfWaiting(CancellationToken cancellationToken)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(_sql, connection);
        command.Parameters.AddWithValue("queues", _queues);
        using var reader = command.ExecuteReader();
        cancellationToken.ThrowIfCancellationRequested();
        return reader.Read();
    }

    public override string ToString() => nameof(QueueNudger);
}
