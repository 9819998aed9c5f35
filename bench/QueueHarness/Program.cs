using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BifSof.Worker.Hosting;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BifSof.QueueHarness;

/// <summary>The job of every queue figure: does nothing.</summary>
public static class NoOp
{
    public static void Run()
    {
    }
}

/// <summary>
/// Verbs (all output but the figures goes to stderr):
///   prepare  --pg CONN --db NAME              creates the database NAME afresh, prints its connection string
///   drop     --pg CONN --db NAME              drops it
///   serve    --pg DBCONN --settings S         a Hangfire server until SIGTERM or end of stdin
///   servers  --pg DBCONN --count N            waits until N servers are registered
///   enqueue  --pg DBCONN --settings S --jobs N [--interval-ms I | --window W] [--retry-connect]
///   wait     --pg DBCONN --jobs N [--state Succeeded|Processing] [--timeout-s T]
///   measure  --pg DBCONN --what latency|throughput|stuck|restart [--prefix P] [--since-job ID]
///   sessions --pg DBCONN                      PostgreSQL sessions established to the database so far
///   commits  --pg DBCONN                      transactions ended in the database so far
///   max-job  --pg DBCONN                      the highest job id so far (0 when none)
/// Settings S: project (HangfireSetup as the worker runs it), default (Hangfire.PostgreSql's defaults), longpolling
/// (the worker's settings before the queue listener: EnableLongPolling on, with the nudger).
/// </summary>
public static class Program
{
    private const string Schema = DatabaseOptions.HangfireSchema; // the defaults' schema name too

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: QueueHarness VERB [options]; see Program.cs");
            return 2;
        }

        var options = Options.Parse(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "prepare" => Prepare(options),
                "drop" => Drop(options),
                "serve" => Serve(options),
                "servers" => WaitForServers(options),
                "enqueue" => Enqueue(options),
                "wait" => WaitForJobs(options),
                "measure" => Measure(options),
                "sessions" => Print(Scalar(options.Pg, "SELECT sessions FROM pg_stat_database WHERE datname = current_database()")),
                "commits" => Print(Scalar(options.Pg, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")),
                "max-job" => Print(Scalar(options.Pg, $"""SELECT coalesce(max("id"), 0) FROM "{Schema}"."job" """)),
                _ => Usage(args[0]),
            };
        }
        catch (TimeoutException ex)
        {
            Console.Error.WriteLine($"queue harness: {ex.Message}");
            return 1;
        }
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"queue harness: unknown verb {verb}");
        return 2;
    }

    private static int Print(long value)
    {
        Console.WriteLine(value.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static int Prepare(Options options)
    {
        var name = options.Require("db");
        Execute(options.Pg, $"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        Execute(options.Pg, $"""CREATE DATABASE "{name}" """);
        Console.WriteLine(new NpgsqlConnectionStringBuilder(options.Pg) { Database = name }.ConnectionString);
        return 0;
    }

    private static int Drop(Options options)
    {
        NpgsqlConnection.ClearAllPools();
        Execute(options.Pg, $"""DROP DATABASE IF EXISTS "{options.Require("db")}" WITH (FORCE)""");
        return 0;
    }

    /// <summary>The storage, and the server's extra processes, of one kind of settings.</summary>
    private static (JobStorage Storage, IBackgroundProcess[] Processes) Settings(string settings, string connectionString, ILoggerFactory loggers)
    {
        GlobalConfiguration.Configuration.UseBifSofSerialization();
        switch (settings)
        {
            case "project":
            {
                var storage = HangfireSetup.CreateStorage(connectionString, loggers);
                return (storage, [
                    HangfireSetup.CreateQueueListener(storage, connectionString, loggers),
                    HangfireSetup.CreateQueueNudger(connectionString, loggers)]);
            }
            case "longpolling":
            {
                var options = HangfireSetup.StorageOptions();
                options.EnableLongPolling = true;
                return (new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options),
                    [HangfireSetup.CreateQueueNudger(connectionString, loggers)]);
            }
            case "default":
            {
                var options = new PostgreSqlStorageOptions();
                return (new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options), []);
            }
            default:
                throw new ArgumentException($"unknown settings {settings}: project, default or longpolling");
        }
    }

    private static int Serve(Options options)
    {
        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information));
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(loggers));
        var (storage, processes) = Settings(options.Get("settings") ?? "project", options.Pg, loggers);
        var serverOptions = new BackgroundJobServerOptions();
        HangfireSetup.ApplyServerOptions(serverOptions);
        if (options.Get("workers") is { } workers)
        {
            serverOptions.WorkerCount = int.Parse(workers, CultureInfo.InvariantCulture);
        }

        using var stop = new ManualResetEventSlim();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Set();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Set();
        });
        using (new BackgroundJobServer(serverOptions, storage, processes))
        {
            Console.Error.WriteLine($"queue harness: serving ({options.Get("settings") ?? "project"}, {serverOptions.WorkerCount} workers), pid {Environment.ProcessId}");
            stop.Wait();
        }

        return 0;
    }

    private static int WaitForServers(Options options)
    {
        var count = options.Int("count", 1);
        WaitUntil(() => Scalar(options.Pg, $"""SELECT count(*) FROM "{Schema}"."server" """) >= count, options.Int("timeout-s", 60), $"{count} servers");
        return 0;
    }

    private static int WaitForJobs(Options options)
    {
        var jobs = options.Int("jobs", 1);
        var state = options.Get("state") ?? SucceededState.StateName;
        var since = options.Int("since-job", 0);
        WaitUntil(
            () => Scalar(options.Pg, $"""SELECT count(DISTINCT "jobid") FROM "{Schema}"."state" WHERE "name" = '{state}' AND "jobid" > {since}""") >= jobs,
            options.Int("timeout-s", 600),
            $"{jobs} jobs {state}");
        return 0;
    }

    /// <summary>
    /// Enqueues no-op jobs as another process does (a BackgroundJobClient on the given settings' storage). Without a
    /// pace, as fast as one client can; --interval-ms I: one job, then I ms of rest; --window W: whenever fewer than W
    /// jobs wait unclaimed in the queue, W more (closed loop: keeps the workers busy without building a backlog).
    /// </summary>
    private static int Enqueue(Options options)
    {
        using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        var jobs = options.Int("jobs", 1);
        var interval = options.Int("interval-ms", 0);
        var window = options.Int("window", 0);
        if (options.Has("retry-connect"))
        {
            WaitUntil(() => TryScalar(options.Pg, "SELECT 1") == 1, 120, "the database to accept connections");
        }

        var (storage, _) = Settings(options.Get("settings") ?? "project", options.Pg, loggers);
        var client = new BackgroundJobClient(storage);
        var clock = Stopwatch.StartNew();
        var enqueued = 0;
        while (enqueued < jobs)
        {
            if (window > 0)
            {
                while (Scalar(options.Pg, $"""SELECT count(*) FROM "{Schema}"."jobqueue" WHERE "fetchedat" IS NULL""") >= window)
                {
                    Thread.Sleep(10);
                }

                for (var i = 0; i < window && enqueued < jobs; i++, enqueued++)
                {
                    client.Enqueue(() => NoOp.Run());
                }
            }
            else
            {
                client.Enqueue(() => NoOp.Run());
                enqueued++;
                if (interval > 0)
                {
                    Thread.Sleep(interval);
                }
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue harness: enqueued {jobs} jobs in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>
    /// The figures, from the states Hangfire wrote (their timestamps are the writing process's clock; every process
    /// runs on this machine): a job's wait is from its Enqueued state to its first Processing state.
    /// </summary>
    private static int Measure(Options options)
    {
        var prefix = options.Get("prefix") ?? "";
        var since = options.Int("since-job", 0);
        var waits = $"""
            WITH e AS (SELECT "jobid", min("createdat") AS t FROM "{Schema}"."state" WHERE "name" = 'Enqueued' AND "jobid" > {since} GROUP BY "jobid"),
                 p AS (SELECT "jobid", min("createdat") AS t FROM "{Schema}"."state" WHERE "name" = 'Processing' AND "jobid" > {since} GROUP BY "jobid"),
                 w AS (SELECT extract(epoch FROM coalesce(p.t, now() AT TIME ZONE 'UTC') - e.t) * 1000 AS ms, p.t IS NOT NULL AS started
                       FROM e LEFT JOIN p USING ("jobid"))
            """;
        switch (options.Require("what"))
        {
            case "latency":
            {
                var (p50, p99, count) = Row3(options.Pg, $"{waits} SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), count(*) FILTER (WHERE NOT started) FROM w");
                Console.Error.WriteLine($"queue harness: {count} jobs not started (counted with their wait so far)");
                Figure($"{prefix}p50_ms", p50);
                Figure($"{prefix}p99_ms", p99);
                break;
            }

            case "throughput":
            {
                // From the first start to the last success: the servers' own start-up is not counted.
                var (perSecond, _, count) = Row3(options.Pg, $"""
                    WITH p AS (SELECT min("createdat") AS t FROM "{Schema}"."state" WHERE "name" = 'Processing' AND "jobid" > {since}),
                         s AS (SELECT max("createdat") AS t, count(DISTINCT "jobid") AS n FROM "{Schema}"."state" WHERE "name" = 'Succeeded' AND "jobid" > {since})
                    SELECT s.n / nullif(extract(epoch FROM s.t - p.t), 0), 0, s.n FROM p, s
                    """);
                Console.Error.WriteLine($"queue harness: {count} jobs succeeded");
                Figure($"{prefix}jobs_per_s", perSecond);
                break;
            }

            case "stuck":
            {
                var (stuck, max, count) = Row3(options.Pg, $"{waits} SELECT count(*) FILTER (WHERE ms > 5000), max(ms), count(*) FILTER (WHERE NOT started) FROM w");
                Console.Error.WriteLine($"queue harness: {count} jobs not started (counted with their wait so far)");
                Figure($"{prefix}queue_stuck_jobs", stuck);
                Figure($"{prefix}queue_max_wait_ms", max);
                break;
            }

            case "restart":
            {
                var (max, _, count) = Row3(options.Pg, $"{waits} SELECT max(ms), 0, count(*) FILTER (WHERE NOT started) FROM w");
                Console.Error.WriteLine($"queue harness: {count} jobs enqueued after the restart not started (counted with their wait so far)");
                Figure($"{prefix}restart_start_ms", max);
                break;
            }

            default:
                throw new ArgumentException("--what: latency, throughput, stuck or restart");
        }

        return 0;
    }

    private static void Figure(string key, double? value) => Console.WriteLine(value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{key}={Math.Round(v, 1)}")
        : $"{key}=null");

    private static (double? A, double? B, long Count) Row3(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        double? Value(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        return (Value(0), Value(1), reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long? TryScalar(string connectionString, string sql)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            return Scalar(connectionString, sql);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private static void WaitUntil(Func<bool> condition, int timeoutSeconds, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (timeoutSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"waited {timeoutSeconds} s for {what}");
            }

            Thread.Sleep(50);
        }
    }
}

internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg[2..];
                options._values[key] = null;
            }
            else if (key is not null)
            {
                options._values[key] = arg;
                key = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument {arg}");
            }
        }

        return options;
    }

    public string Pg => Require("pg");

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public string Require(string key) => Get(key) ?? throw new ArgumentException($"--{key} is required");

    public int Int(string key, int fallback) => Get(key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
