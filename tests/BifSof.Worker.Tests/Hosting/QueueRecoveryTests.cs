using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>The probe job of the queue tests: records when a worker started it.</summary>
public static class QueueProbe
{
    private static readonly ConcurrentDictionary<Guid, long> Started = new();

    public static void Touch(Guid key) => Started.TryAdd(key, Stopwatch.GetTimestamp());

    public static bool TryGetStart(Guid key, out long timestamp) => Started.TryGetValue(key, out timestamp);
}

/// <summary>
/// docs/operations.md, "Queue": no job waits longer than a bounded time, even when the workers' LISTEN connections
/// are dropped. Jobs are enqueued as another process enqueues them: in SQL, committed with a <c>NOTIFY new_job</c> and
/// without this process's in-memory wake-up, which would otherwise hide a deaf listener.
/// </summary>
[Collection(ServingWorkerGroup.Name)]
public sealed class QueueRecoveryTests(ServingWorker worker, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private const string EnqueuedData = "'{\"Queue\":\"default\"}'";

    [Fact]
    public async Task Enqueue_StartsTheJobWithinFiveSeconds_WhenEveryListenConnectionWasTerminated()
    {
        await WaitForListenersAsync();
        var keys = await ParkAsync(1);

        var terminated = await TerminateListenersAsync();
        var enqueuedAt = await EnqueueFromAnotherClientAsync(keys);

        Assert.True(terminated > 0, "no LISTEN connection to terminate");
        var waits = await WaitForStartsAsync(keys, enqueuedAt);
        Report($"after terminating {terminated} LISTEN connections", waits);
        Assert.All(waits, wait => Assert.True(wait <= Bound, $"the job waited {Describe(wait)} after its listeners were terminated"));
    }

    [Fact]
    public async Task Enqueue_StartsEveryJobOfABurstWithinFiveSeconds_WhenEnqueuedFromAnotherClient()
    {
        var keys = await ParkAsync(100);

        var enqueuedAt = await EnqueueFromAnotherClientAsync(keys);

        var waits = await WaitForStartsAsync(keys, enqueuedAt);
        Report("burst of 100 from another client", waits);
        var longest = waits.Max();
        Assert.True(longest <= Bound, $"the longest wait of the burst was {Describe(longest)}");
    }

    [Fact]
    public async Task NudgeIfWaiting_SendsOneNotification_WhenAJobIsStillEnqueued()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var storage = Storage(database.ConnectionString);
        new BackgroundJobClient(storage).Enqueue(() => QueueProbe.Touch(Guid.NewGuid())); // no server takes it
        await using var listener = await ListenAsync(database.ConnectionString);
        var nudger = Nudger(database.ConnectionString);

        var nudged = nudger.NudgeIfWaiting(CancellationToken.None);

        Assert.True(nudged);
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), "no NOTIFY arrived on the queue's channel");
    }

    [Fact]
    public async Task NudgeIfWaiting_SendsNothing_WhenNoJobIsEnqueued()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        _ = Storage(database.ConnectionString); // the schema, no job
        await using var listener = await ListenAsync(database.ConnectionString);
        var nudger = Nudger(database.ConnectionString);

        var nudged = nudger.NudgeIfWaiting(CancellationToken.None);

        Assert.False(nudged);
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None), "a NOTIFY arrived for an empty queue");
    }

    private void Report(string what, IReadOnlyList<TimeSpan> waits)
    {
        var sorted = waits.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue wait {what}: p50 {Describe(sorted[sorted.Length / 2])}, max {Describe(sorted[^1])}"));
    }

    private static string Describe(TimeSpan wait) => wait == TimeSpan.MaxValue
        ? $"over {2 * Bound.TotalSeconds:F0} s (never started)"
        : string.Create(CultureInfo.InvariantCulture, $"{wait.TotalMilliseconds:F0} ms");

    private static QueueNudger Nudger(string connectionString) =>
        new(connectionString, [EnqueuedState.DefaultQueue], TimeSpan.FromSeconds(2), NullLogger<QueueNudger>.Instance);

    private static PostgreSqlStorage Storage(string connectionString) => new(
        new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
        new PostgreSqlStorageOptions { SchemaName = DatabaseOptions.HangfireSchema, PrepareSchemaIfNecessary = true });

    private static async Task<NpgsqlConnection> ListenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {QueueNudger.Channel}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Creates the probe jobs scheduled a day ahead: stored, but in no queue yet.</summary>
    private async Task<IReadOnlyDictionary<Guid, long>> ParkAsync(int count)
    {
        var client = new BackgroundJobClient(Storage(worker.Database.ConnectionString));
        var keys = new Dictionary<Guid, long>();
        await Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var key = Guid.NewGuid();
                var id = client.Create(Job.FromExpression(() => QueueProbe.Touch(key)), new ScheduledState(TimeSpan.FromDays(1)));
                keys.Add(key, long.Parse(id, CultureInfo.InvariantCulture));
            }
        });
        return keys;
    }

    /// <summary>
    /// What Hangfire.PostgreSql's enqueue writes from another process, in one transaction: the Enqueued state, the
    /// queue row, and (long polling) <c>NOTIFY new_job</c>. Returns the commit's timestamp.
    /// </summary>
    private async Task<long> EnqueueFromAnotherClientAsync(IReadOnlyDictionary<Guid, long> jobs)
    {
        var ids = jobs.Values.ToArray();
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var schema = DatabaseOptions.HangfireSchema;
        await using (var enqueue = new NpgsqlCommand(
            $"""
            WITH st AS (
                INSERT INTO "{schema}"."state" ("jobid", "name", "reason", "createdat", "data")
                SELECT id, 'Enqueued', 'queue test', now(), {EnqueuedData} FROM unnest(@ids) AS id
                RETURNING "id", "jobid"),
            moved AS (
                UPDATE "{schema}"."job" j SET "statename" = 'Enqueued', "stateid" = st."id"
                FROM st WHERE j."id" = st."jobid"
                RETURNING j."id")
            INSERT INTO "{schema}"."jobqueue" ("jobid", "queue") SELECT "id", 'default' FROM moved
            """, connection, transaction))
        {
            enqueue.Parameters.AddWithValue("ids", ids);
            Assert.Equal(ids.Length, await enqueue.ExecuteNonQueryAsync());
        }

        await using (var unschedule = new NpgsqlCommand(
            $"""DELETE FROM "{schema}"."set" WHERE "key" = 'schedule' AND "value" = ANY (@ids)""", connection, transaction))
        {
            unschedule.Parameters.AddWithValue("ids", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray());
            await unschedule.ExecuteNonQueryAsync();
        }

        await using (var notify = new NpgsqlCommand($"NOTIFY {QueueNudger.Channel}", connection, transaction))
        {
            await notify.ExecuteNonQueryAsync();
        }

        var committedAt = Stopwatch.GetTimestamp();
        await transaction.CommitAsync();
        return committedAt;
    }

    /// <summary>Each job's wait from the commit to its start, waiting at most twice the bound for all of them.</summary>
    private static async Task<IReadOnlyList<TimeSpan>> WaitForStartsAsync(IReadOnlyDictionary<Guid, long> jobs, long enqueuedAt)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(2 * Bound.TotalSeconds * Stopwatch.Frequency);
        while (!jobs.Keys.All(key => QueueProbe.TryGetStart(key, out _)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        return [.. jobs.Keys.Select(key => QueueProbe.TryGetStart(key, out var started)
            ? Stopwatch.GetElapsedTime(enqueuedAt, started)
            : TimeSpan.MaxValue)];
    }

    private Task WaitForListenersAsync() => WaitUntilAsync(async () => await ListenerCountAsync() > 0);

    private async Task<int> ListenerCountAsync() => await worker.Database.ScalarAsync<int>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()");

    private async Task<int> TerminateListenersAsync() => await worker.Database.ScalarAsync<int>(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(10 * Stopwatch.Frequency);
        while (!await condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }
    }
}
