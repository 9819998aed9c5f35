using System.Diagnostics;
using System.Globalization;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BifSof.MailHarness;

/// <summary>
/// The worker's own dispatcher, warm:
///
///   MailHarness dispatcher --pg CONN --key-prefix PREFIX --warm-up W
///
/// Of the pending e-mails whose business key starts with PREFIX, the first W are dispatched first (the code of the
/// dispatch is then compiled, as in a `serve` that has dispatched before), then the rest, counted. The worker's
/// settings come from the environment, as for the worker. Prints dispatcher_warm_msgs_per_s=… and
/// dispatcher_warm_cpu_ms_per_msg=… (this process's user + system CPU over the second dispatch only).
/// </summary>
public static class WarmDispatcher
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var prefix = options["key-prefix"];
        var warmUp = int.Parse(options["warm-up"], CultureInfo.InvariantCulture);
        await using var dataSource = NpgsqlDataSource.Create(options["pg"]);
        await using var app = WorkerApp.Build([], runServer: false);
        await StartupChecks.RunAsync(app.Services, CancellationToken.None);

        // Everything after the first W waits (not due) while the first W are dispatched.
        await using (var hold = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages SET next_attempt_at = now() + interval '1 day'
            WHERE starts_with(business_key, $1) AND status = 'Pending'
              AND id > (SELECT id FROM bifsof.outbox_messages WHERE starts_with(business_key, $1) ORDER BY id OFFSET $2 - 1 LIMIT 1)
            """))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = prefix });
            hold.Parameters.Add(new NpgsqlParameter { Value = warmUp });
            await hold.ExecuteNonQueryAsync();
        }

        await DispatchOnceAsync(app.Services);

        int count;
        await using (var release = dataSource.CreateCommand(
            "UPDATE bifsof.outbox_messages SET next_attempt_at = now() WHERE starts_with(business_key, $1) AND status = 'Pending'"))
        {
            release.Parameters.Add(new NpgsqlParameter { Value = prefix });
            count = await release.ExecuteNonQueryAsync();
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var report = await DispatchOnceAsync(app.Services);
        clock.Stop();
        process.Refresh();
        if (report.Sent != count)
        {
            throw new InvalidOperationException($"The warm dispatch sent {report.Sent} of {count} e-mails.");
        }

        Console.WriteLine(FormattableString.Invariant($"dispatcher_warm_msgs_per_s={count / clock.Elapsed.TotalSeconds:F1}"));
        Console.WriteLine(FormattableString.Invariant($"dispatcher_warm_cpu_ms_per_msg={(process.TotalProcessorTime - cpu).TotalMilliseconds / count:F3}"));
        return 0;
    }

    private static async Task<DispatchReport> DispatchOnceAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }
}
