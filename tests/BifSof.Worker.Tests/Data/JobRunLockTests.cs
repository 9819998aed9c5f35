using System.Reflection;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BifSof.Worker.Tests.Data;

/// <summary>
/// Issue 11, item 8: after a PostgreSQL restart a lock left behind held <c>monthly-kpis</c> for over 7 minutes. The
/// lock was Hangfire's <c>DisableConcurrentExecution</c>, a row in <c>hangfire.lock</c> that only the run that took
/// it deletes. A restart ends every session; here that is done by terminating every backend of the test database.
/// </summary>
public sealed class JobRunLockTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void RunAsync_IsGuardedByNoHangfireLockRow_ForAnyRecurringJob()
    {
        var guardedByRows = WorkerApp.Jobs().All
            .Where(job => job.JobType.GetMethod(nameof(IWorkerJob.RunAsync))!.GetCustomAttribute<DisableConcurrentExecutionAttribute>() is not null)
            .Select(job => job.Id)
            .ToList();

        Assert.Empty(guardedByRows);
        Assert.NotNull(typeof(MonthlyKpisJob).GetMethod(nameof(MonthlyKpisJob.RunAsync))!.GetCustomAttribute<OneRunAtATimeAttribute>());
    }

    [Fact]
    public async Task OnPerforming_TakesTheLockAtOnce_WhenTheRunHoldingItLostItsConnection()
    {
        var filter = new JobRunLockFilter(_dataSource, NullLogger<JobRunLockFilter>.Instance);
        var first = Performing(jobId: "1");
        filter.OnPerforming(first);

        await RestartBeginsAsync();
        filter.OnPerformed(new PerformedContext(first, null, canceled: false, exception: null)); // the run ends while the database is down
        await RestartEndsAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var second = Performing(jobId: "2");
        filter.OnPerforming(second);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the next run waited {started.Elapsed.TotalSeconds:0.0} s for a lock nobody held");
        filter.OnPerformed(new PerformedContext(second, null, canceled: false, exception: null));
    }

    [Fact]
    public void OnPerforming_RefusesTheRun_WhenAnotherRunHoldsTheLockForTheWholeTimeout()
    {
        using var otherDataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var holder = JobRunLock.Acquire(otherDataSource, JobRunLock.ResourceFor(RunMethod), TimeSpan.Zero, CancellationToken.None);
        try
        {
            Assert.Throws<JobRunLockTimeoutException>(() =>
                JobRunLock.Acquire(_dataSource, JobRunLock.ResourceFor(RunMethod), TimeSpan.FromSeconds(1), CancellationToken.None));
        }
        finally
        {
            JobRunLock.Release(holder, JobRunLock.ResourceFor(RunMethod));
        }

        var after = JobRunLock.Acquire(_dataSource, JobRunLock.ResourceFor(RunMethod), TimeSpan.FromSeconds(1), CancellationToken.None);
        JobRunLock.Release(after, JobRunLock.ResourceFor(RunMethod));
    }

    /// <summary>
    /// The cause, as Hangfire.PostgreSql 1.21.1 has it: its lock row outlives a broken connection, and the next run waits
    /// for <c>DistributedLockTimeout</c>. Fails once upstream releases such locks itself (then the workaround may go).
    /// </summary>
    [Fact]
    public async Task HangfireDistributedLock_StaysBehind_WhenItsConnectionBrokeBeforeRelease()
    {
        var storage = Storage();
        using (var connection = storage.GetConnection())
        {
            var row = connection.AcquireDistributedLock("bifsof-probe", TimeSpan.FromSeconds(1));
            await RestartBeginsAsync();
            try
            {
                row.Dispose(); // the run ends while the database is down
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or PostgreSqlDistributedLockException)
            {
                output.WriteLine($"release failed: {ex.GetType().Name}");
            }
            await RestartEndsAsync();
        }

        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM {DatabaseOptions.HangfireSchema}.lock WHERE resource LIKE '%bifsof-probe'"));
    }

    private static MethodInfo RunMethod => typeof(MonthlyKpisJob).GetMethod(nameof(MonthlyKpisJob.RunAsync))!;

    private PerformingContext Performing(string jobId)
    {
        var job = new Job(typeof(MonthlyKpisJob), RunMethod, CancellationToken.None);
        var backgroundJob = new BackgroundJob(jobId, job, DateTime.UtcNow);
        var storage = Storage();
        return new PerformingContext(new PerformContext(storage, storage.GetConnection(), backgroundJob, new JobCancellationToken(false)));
    }

    private PostgreSqlStorage Storage() => new(
        new NpgsqlConnectionFactory(_database.ConnectionString, new PostgreSqlStorageOptions()),
        new PostgreSqlStorageOptions { SchemaName = DatabaseOptions.HangfireSchema, PrepareSchemaIfNecessary = true });

    /// <summary>What a PostgreSQL restart does to this database: every session ends, and none can begin until it is back.</summary>
    private async Task RestartBeginsAsync()
    {
        await AdminAsync($"ALTER DATABASE {DatabaseName} ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DatabaseName}'");
    }

    private Task RestartEndsAsync() => AdminAsync($"ALTER DATABASE {DatabaseName} ALLOW_CONNECTIONS true");

    private string DatabaseName => new NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!;

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class JobCancellationToken(bool canceled) : IJobCancellationToken
    {
        public CancellationToken ShutdownToken => new(canceled);

        public void ThrowIfCancellationRequested()
        {
        }
    }
}
