using System.Globalization;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Mail;

/// <summary>The dispatcher's parallel SMTP sessions against Postfix's smtp-sink: never lost, never twice.</summary>
public class OutboxSessionsTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private const string SenderDomain = "bifsof.example.dk";

    private static string Recipient() => $"s-{Guid.NewGuid():N}@test.example.dk";

    private async Task<List<string>> EnqueueAsync(string prefix, string to, int count)
    {
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}:{to}:{i}";
            await using var scope = worker.Scope();
            await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
                new OutgoingEmail(key, "testmail", new { RequestedBy = "test", RequestedAt = DateTimeOffset.UtcNow }, [to]), CancellationToken.None);
            keys.Add(key);
        }

        return keys;
    }

    private static Task<WebApplication> StartAsync(WorkerSettings settings) => WorkerServices.StartAsync(settings);

    private static async Task<DispatchReport> DispatchAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    private async Task<List<OutboxMessage>> RowsForAsync(string recipient)
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.To.Contains(recipient)).ToListAsync();
    }

    private static List<string> Ours(SmtpSink sink, IReadOnlyCollection<string> messageIds) =>
        sink.ReceivedMessageIds().Select(id => id.Trim('<', '>')).Where(messageIds.Contains).ToList();

    /// <summary>Kills the smtp-sink listening on <paramref name="port"/> (started by this test), as a crash would.</summary>
    private static void KillSink(int port)
    {
        var listen = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        foreach (var process in System.Diagnostics.Process.GetProcessesByName("smtp-sink"))
        {
            using (process)
            {
                var commandLine = File.ReadAllText($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0');
                if (commandLine.Contains(listen))
                {
                    process.Kill();
                    process.WaitForExit();
                }
            }
        }
    }

    [Fact]
    public void Validate_RefusesSessions_WhenOutsideOneToSixteen()
    {
        foreach (var sessions in new[] { 0, 17 })
        {
            var options = new SmtpOptions { Host = "localhost", From = "a@b.dk", Sessions = sessions };
            var failures = new SmtpOptionsValidator().Validate(null, options).Failures;
            Assert.Contains(failures!, f => f.Contains("Smtp__Sessions", StringComparison.Ordinal));
        }

        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "localhost", From = "a@b.dk", Sessions = 16 }).Succeeded);
    }

    [Fact]
    public async Task DispatchAsync_DeliversEachMessageOnceAndLeavesNothingPending_WhenTwoDispatchersRunParallelSessions()
    {
        var to = Recipient();
        const int count = 40;
        var keys = await EnqueueAsync("sessions", to, count);
        var messageIds = keys.Select(k => Outbox.MessageIdFor(k, SenderDomain)).ToHashSet();

        // Two dispatchers of four sessions each, in small batches, against a relay that takes a second before each DATA:
        // eight sessions claim, send and renew side by side.
        await using var sink = await SmtpSink.SlowAsync(1);
        await using var services = await StartAsync(
            new WorkerSettings(worker.Database.ConnectionString)
                .With("Smtp:Port", sink.PortText)
                .With("Smtp:Sessions", "4")
                .With("Smtp:BatchSize", "3"));
        var reports = await Task.WhenAll(DispatchAsync(services.Services), DispatchAsync(services.Services));

        var received = Ours(sink, messageIds);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
        Assert.Equal(count, reports.Sum(r => r.Sent));
        Assert.Equal(0, reports.Sum(r => r.Failed + r.TakenOver));
        Assert.All(await RowsForAsync(to), row =>
        {
            Assert.Equal((OutboxStatus.Sent, 1), (row.Status, row.Attempts));
            Assert.Null(row.LockToken);
            Assert.False(string.IsNullOrWhiteSpace(row.ServerReply));
        });
        Assert.All(reports, r => Assert.InRange(r.Sessions, 1, 4)); // at most the four configured; how many won a batch depends on timing
    }

    [Fact]
    public async Task DispatchAsync_RecordsWhatWasSentAndReleasesTheRest_WhenTheServerDiesMidBatch()
    {
        var to = Recipient();
        const int count = 8;
        var keys = await EnqueueAsync("broken", to, count);
        var messageIds = keys.Select(k => Outbox.MessageIdFor(k, SenderDomain)).ToHashSet();

        // A relay that takes a second before each DATA; two sessions of four messages each. It dies once two messages
        // are recorded as sent, while both sessions are in the middle of their batches.
        var firstSink = await SmtpSink.SlowAsync(1);
        List<string> receivedBefore;
        SmtpUnavailableException broken;
        try
        {
            await using var services = await StartAsync(new WorkerSettings(worker.Database.ConnectionString)
                .With("Smtp:Port", firstSink.PortText)
                .With("Smtp:Sessions", "2")
                .With("Smtp:BatchSize", "4"));
            var run = DispatchAsync(services.Services);
            while ((await RowsForAsync(to)).Count(r => r.Status == OutboxStatus.Sent) < 2 && !run.IsCompleted)
            {
                await Task.Delay(50);
            }

            KillSink(firstSink.Port);
            broken = await Assert.ThrowsAsync<SmtpUnavailableException>(() => run);
            receivedBefore = Ours(firstSink, messageIds);
        }
        finally
        {
            await firstSink.DisposeAsync();
        }

        // The report tells what was confirmed and recorded: what the relay confirmed is marked sent, the rest is pending
        // and unclaimed, and only the message each broken session had in flight counts an attempt. A message the relay
        // had taken in but not yet confirmed when it died is pending too (it is sent again: at most one per session,
        // the documented bound); how many there are depends on where the kill fell in the second's wait.
        Assert.NotNull(broken.Report);
        var rows = await RowsForAsync(to);
        var sent = rows.Where(r => r.Status == OutboxStatus.Sent).Select(r => r.MessageId).ToHashSet();
        Assert.Equal(sent.Count, broken.Report.Sent);
        Assert.True(sent.IsSubsetOf(receivedBefore), "a message recorded as sent never reached the relay");
        var unconfirmed = receivedBefore.Count - sent.Count;
        Assert.InRange(unconfirmed, 0, 2);
        var pending = rows.Where(r => r.Status == OutboxStatus.Pending).ToList();
        Assert.Equal(count - sent.Count, pending.Count);
        Assert.All(pending, row => Assert.Null(row.LockToken));
        Assert.Equal(broken.Report.Failed, pending.Count(r => r.Attempts == 1));
        Assert.InRange(broken.Report.Failed, 1, 2);
        Assert.All(pending, row => Assert.InRange(row.Attempts, 0, 1));

        // A healthy relay gets the rest once: across both relays every message arrived exactly once.
        await worker.Database.ExecuteAsync($"UPDATE bifsof.outbox_messages SET next_attempt_at = now() WHERE '{to}' = ANY(\"to\")");
        await using var secondSink = await SmtpSink.SlowAsync(1);
        await using (var services = await StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Port", secondSink.PortText)
            .With("Smtp:Sessions", "2")))
        {
            var report = await DispatchAsync(services.Services);
            Assert.Equal(count - sent.Count, report.Sent);
        }

        // Across both relays every message arrived; twice only the ones taken in but unconfirmed when the first died.
        var all = receivedBefore.Concat(Ours(secondSink, messageIds)).ToList();
        Assert.Equal(count + unconfirmed, all.Count);
        Assert.Equal(messageIds, all.ToHashSet());
        Assert.All(await RowsForAsync(to), row => Assert.Equal(OutboxStatus.Sent, row.Status));
    }
}
