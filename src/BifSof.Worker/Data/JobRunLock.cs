using System.Diagnostics;
using System.Reflection;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BifSof.Worker.Data;

/// <summary>
/// One run of the job method at a time across every worker process, waiting up to <see cref="Timeout"/> for the run
/// before it. Takes the place of Hangfire's <c>DisableConcurrentExecution</c>, whose lock is a row in
/// <c>hangfire.lock</c> deleted by the run that took it: a run whose connection was broken when it ended (a PostgreSQL
/// restart) or whose process was killed leaves the row behind, and every later run waits for Hangfire.PostgreSql's
/// <c>DistributedLockTimeout</c> (10 minutes) before it may start. This lock is a PostgreSQL session advisory lock on
/// a connection of its own, held for the run: it ends with the run, with its connection, with its process, or with a
/// restart of PostgreSQL, never later.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class OneRunAtATimeAttribute(int timeoutInSeconds) : Attribute
{
    public int TimeoutInSeconds { get; } = timeoutInSeconds;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutInSeconds);
}

/// <summary>A run could not start because another run of the same job held its lock for the whole timeout.</summary>
public sealed class JobRunLockTimeoutException : Exception
{
    public JobRunLockTimeoutException()
    {
    }

    public JobRunLockTimeoutException(string message)
        : base(message)
    {
    }

    public JobRunLockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The session advisory lock behind <see cref="OneRunAtATimeAttribute"/>.</summary>
public static class JobRunLock
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The lock's name for a job method: its class and method, as Hangfire's own lock named it.</summary>
    public static string ResourceFor(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return "bifsof-job-run:" + method.DeclaringType?.FullName + "." + method.Name;
    }

    /// <summary>
    /// Opens a connection of its own and takes the lock on it, retrying until <paramref name="timeout"/>. The returned
    /// connection holds the lock: give it to <see cref="Release"/>.
    /// </summary>
    public static NpgsqlConnection Acquire(NpgsqlDataSource dataSource, string resource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var connection = dataSource.OpenConnection();
            try
            {
                using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@resource))", connection);
                command.Parameters.AddWithValue("resource", resource);
                if (command.ExecuteScalar() is true)
                {
                    return connection;
                }
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            connection.Dispose();
            if (waited.Elapsed >= timeout)
            {
                throw new JobRunLockTimeoutException($"Another run of '{resource}' held its lock for {timeout.TotalSeconds:0} s.");
            }

            cancellationToken.WaitHandle.WaitOne(RetryInterval);
        }
    }

    /// <summary>
    /// Releases the lock and closes its connection. A connection that broke meanwhile took the lock with it: then
    /// there is nothing to release, and that is no error.
    /// </summary>
    public static void Release(NpgsqlConnection connection, string resource)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@resource))", connection);
            command.Parameters.AddWithValue("resource", resource);
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The session ended (PostgreSQL restarted, the connection was terminated): its locks ended with it.
        }
        finally
        {
            connection.Dispose();
        }
    }
}

/// <summary>Takes and releases <see cref="OneRunAtATimeAttribute"/>'s lock around each run the server performs.</summary>
internal sealed class JobRunLockFilter(NpgsqlDataSource dataSource, ILogger<JobRunLockFilter> logger) : IServerFilter
{
    private const string Key = "bifsof-job-run-lock";

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.BackgroundJob.Job.Method;
        if (method.GetCustomAttribute<OneRunAtATimeAttribute>() is not { } attribute)
        {
            return;
        }

        var resource = JobRunLock.ResourceFor(method);
        var connection = JobRunLock.Acquire(dataSource, resource, attribute.Timeout, context.CancellationToken.ShutdownToken);
        context.Items[Key] = connection;
        JobRunLockLog.Acquired(logger, resource, context.BackgroundJob.Id);
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Key, out var held) && held is NpgsqlConnection connection)
        {
            context.Items.Remove(Key);
            var resource = JobRunLock.ResourceFor(context.BackgroundJob.Job.Method);
            JobRunLock.Release(connection, resource);
            JobRunLockLog.Released(logger, resource, context.BackgroundJob.Id);
        }
    }
}

internal static partial class JobRunLockLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "Run lock {Resource} taken for run {RunId}")]
    public static partial void Acquired(ILogger logger, string resource, string runId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "Run lock {Resource} released after run {RunId}")]
    public static partial void Released(ILogger logger, string resource, string runId);
}
