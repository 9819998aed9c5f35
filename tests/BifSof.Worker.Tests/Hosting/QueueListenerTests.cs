using System.Diagnostics;
using System.Globalization;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>
/// docs/operations.md, "Queue": the worker's own Hangfire server (HangfireSetup's storage, server settings, listener
/// and nudger) on a database of its own, so that its connections can be refused without touching other tests. In the
/// serving worker's collection: Hangfire's log provider is process-wide and is that host's while it lives; run after
/// the host has ended, the server would log through a disposed logger factory.
/// </summary>
[Collection(ServingWorkerGroup.Name)]
public sealed class QueueListenerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await AllowConnectionsAsync(true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Enqueue_SendsANotification_WhenEnqueuedThroughTheWorkersStorage()
    {
        var storage = HangfireSetup.CreateStorage(_database.ConnectionString);
        await using var listener = new NpgsqlConnection(_database.ConnectionString);
        await listener.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {QueueNudger.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        new BackgroundJobClient(storage).Enqueue(() => QueueProbe.Touch(Guid.NewGuid())); // no server takes it

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), "the enqueue sent no NOTIFY: another process's idle workers would sleep until their poll");
    }

    [Fact]
    public async Task Dequeue_StartsAJobWithinFiveSeconds_WhenTheDatabaseRefusedConnectionsForTenSeconds()
    {
        var storage = HangfireSetup.CreateStorage(_database.ConnectionString);
        using var server = Server(storage);
        var warmUp = Guid.NewGuid();
        var warmUpId = new BackgroundJobClient(storage).Enqueue(() => QueueProbe.Touch(warmUp));
        await WaitUntilAsync(async () => await _database.ScalarAsync<string>(
            $"""SELECT coalesce(max("statename"), '') FROM "{DatabaseOptions.HangfireSchema}"."job" WHERE "id" = {warmUpId}""") == SucceededState.StateName, TimeSpan.FromSeconds(30));
        Assert.True(QueueProbe.TryGetStart(warmUp, out _), "the server did not run a job before the outage");

        // What a restart looks like to the server: every connection dropped, new ones refused for a while.
        await AllowConnectionsAsync(false);
        await Task.Delay(TimeSpan.FromSeconds(10));
        await AllowConnectionsAsync(true);

        // Enqueued as another process enqueues, with a storage of its own.
        var key = Guid.NewGuid();
        var client = new BackgroundJobClient(HangfireSetup.CreateStorage(_database.ConnectionString));
        client.Enqueue(() => QueueProbe.Touch(key));
        var enqueuedAt = Stopwatch.GetTimestamp();

        await WaitUntilAsync(() => Task.FromResult(QueueProbe.TryGetStart(key, out _)), 2 * Bound);
        var wait = QueueProbe.TryGetStart(key, out var started) ? Stopwatch.GetElapsedTime(enqueuedAt, started) : TimeSpan.MaxValue;
        output.WriteLine(wait == TimeSpan.MaxValue ? "never started" : string.Create(CultureInfo.InvariantCulture, $"started after {wait.TotalMilliseconds:F0} ms"));
        Assert.True(wait <= Bound, "the job enqueued after the outage did not start within 5 s");
    }

    private BackgroundJobServer Server(PostgreSqlStorage storage)
    {
        var options = new BackgroundJobServerOptions();
        HangfireSetup.ApplyServerOptions(options);
        // Hangfire's default activator is process-wide, and whichever test host set it last may have ended.
        options.Activator = new JobActivator();
        IBackgroundProcess[] processes =
        [
            HangfireSetup.CreateQueueListener(storage, _database.ConnectionString, NullLoggerFactory.Instance),
            HangfireSetup.CreateQueueNudger(_database.ConnectionString, NullLoggerFactory.Instance),
        ];
        return new BackgroundJobServer(options, storage, processes);
    }

    /// <summary>Refuses (and drops) every connection to the test's database, or lets them in again.</summary>
    private async Task AllowConnectionsAsync(bool allow)
    {
        var name = new NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allow)
        {
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name", admin);
            terminate.Parameters.AddWithValue("name", name);
            await terminate.ExecuteScalarAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
    }
}
