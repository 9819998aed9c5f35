using System.Diagnostics;
using System.Globalization;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Xunit.Abstractions;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>
/// Issue 11, item 8: <c>serve</c> did not stop within 10 s of SIGTERM (systemd's and Docker's grace before SIGKILL).
/// The worker runs as the executable, in a process of its own, and is told to stop while a job is running: the
/// dispatcher waiting on a relay that takes a minute to accept each message.
/// </summary>
public sealed class ShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Serve_ExitsWithinTenSeconds_WhenSentSigtermWhileAJobRuns()
    {
        await using var relay = await SmtpSink.SlowAsync(60);
        var port = ExtraMailDev.FreePort();
        using var serve = StartServe(port, relay.Port);
        var log = new System.Text.StringBuilder();
        serve.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        serve.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        serve.BeginErrorReadLine();
        serve.BeginOutputReadLine();
        try
        {
            await WaitUntilAsync(() => HealthyAsync(port), TimeSpan.FromSeconds(90), "serve did not answer /healthz", serve, log);
            await QueueOneEmailAsync();
            new RecurringJobManager(Storage()).Trigger("outbox-dispatch");
            await WaitUntilAsync(
                async () => await _database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE statename = 'Processing' AND invocationdata->>'Type' LIKE '%OutboxDispatchJob%'") > 0,
                TimeSpan.FromSeconds(30),
                "the dispatch job never started",
                serve,
                log);
            await Task.Delay(TimeSpan.FromSeconds(1)); // inside the relay's wait for the message

            var stopping = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var exited = serve.WaitForExit(Grace + TimeSpan.FromSeconds(5));
            stopping.Stop();
            output.WriteLine($"serve stopped {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM");
            Assert.True(exited && stopping.Elapsed <= Grace, $"serve was still running {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM\n{Tail(log)}");
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync();
            }
        }
    }

    private Process StartServe(int port, int smtpPort)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BifSof.Worker.dll"));
        start.ArgumentList.Add("serve");
        var settings = new WorkerSettings(_database.ConnectionString)
            .With("Urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")
            .With("Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture))
            .With("Smtp:TimeoutSeconds", "120")
            .With("Logging:LogLevel:Default", "Information");
        foreach (var (key, value) in settings.Values)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("serve did not start.");
    }

    private async Task QueueOneEmailAsync() => await _database.ExecuteAsync(
        """
        INSERT INTO bifsof.outbox_messages
            (business_key, message_id, template, "to", cc, subject, html_body, text_body, status, attempts)
        VALUES ('shutdown-test:1', 'shutdown-test-1@bifsof.example.dk', 'test-mail', ARRAY['sof@bifsof.example.dk'], ARRAY[]::text[],
                'Prøve', '<p>Prøve</p>', 'Prøve', 'Pending', 0)
        """);

    private PostgreSqlStorage Storage() => new(
        new NpgsqlConnectionFactory(_database.ConnectionString, new PostgreSqlStorageOptions()),
        new PostgreSqlStorageOptions { SchemaName = DatabaseOptions.HangfireSchema, PrepareSchemaIfNecessary = false });

    private static async Task<bool> HealthyAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string failure, Process serve, System.Text.StringBuilder log)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline || serve.HasExited)
            {
                Assert.Fail($"{failure}\n{Tail(log)}");
            }

            await Task.Delay(200);
        }
    }

    private static string Tail(System.Text.StringBuilder log)
    {
        lock (log)
        {
            var text = log.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
