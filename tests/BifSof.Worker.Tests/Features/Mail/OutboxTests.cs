using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BifSof.Worker.Tests.Features.Mail;

public class OutboxTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private static string Recipient() => $"t-{Guid.NewGuid():N}@test.example.dk";

    private static OutgoingEmail TestMail(string key, string to, IReadOnlyList<EmailAttachment>? attachments = null) =>
        new(key, "testmail", new { RequestedBy = "test", RequestedAt = DateTimeOffset.UtcNow }, [to], Attachments: attachments);

    private async Task<bool> EnqueueAsync(OutgoingEmail email)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(email, CancellationToken.None);
    }

    private async Task<DispatchReport> DispatchAsync(IServiceProvider? services = null)
    {
        await using var scope = (services ?? worker.Services).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    private async Task<List<OutboxMessage>> RowsForAsync(string recipient)
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.To.Contains(recipient)).ToListAsync();
    }

    [Fact]
    public async Task EnqueueAsync_QueuesOnce_WhenTheSameBusinessKeyIsQueuedTwice()
    {
        var to = Recipient();
        var key = $"test:{Guid.NewGuid()}";
        Assert.True(await EnqueueAsync(TestMail(key, to)));
        Assert.False(await EnqueueAsync(TestMail(key, to)));
        Assert.Single(await RowsForAsync(to));
    }

    [Fact]
    public async Task EnqueueAsync_LeavesNoTrace_WhenTheCallersTransactionRollsBack()
    {
        var to = Recipient();
        await using (var scope = worker.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
                TestMail($"test:{Guid.NewGuid()}", to, [new EmailAttachment("a.txt", "text/plain", [1, 2, 3])]), CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await RowsForAsync(to));
    }

    [Fact]
    public async Task DispatchAsync_DeliversEachMessageOnce_WhenRunTwice()
    {
        var to = Recipient();
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(TestMail($"test:{to}:{i}", to));
        }

        var first = await DispatchAsync();
        var second = await DispatchAsync();

        Assert.True(first.Sent >= 3);
        Assert.Equal(0, second.Sent);
        using var mailDev = MailDevClient.Shared();
        await Task.Delay(300);
        Assert.Equal(3, (await mailDev.WaitForAsync(to, 3)).Count);
        Assert.All(await RowsForAsync(to), row =>
        {
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.False(string.IsNullOrWhiteSpace(row.ServerReply));
        });
    }

    [Fact]
    public async Task DispatchAsync_DeliversEachMessageOnce_WhenTwoDispatchersRace()
    {
        var to = Recipient();
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await EnqueueAsync(TestMail($"race:{to}:{i}", to));
        }

        // Small batches, so the two dispatchers interleave their claims many times.
        await using var racer = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString).With("Smtp:BatchSize", "3"));
        var reports = await Task.WhenAll(DispatchAsync(racer.Services), DispatchAsync(racer.Services));

        Assert.Equal(count, reports.Sum(r => r.Sent));
        using var mailDev = MailDevClient.Shared();
        var received = await mailDev.WaitForAsync(to, count);
        await Task.Delay(500);
        received = await mailDev.ForRecipientAsync(to);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(e => e.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task DispatchAsync_SendsNothingTwice_WhenASlowRelayMakesABatchOutliveItsClaim()
    {
        var to = Recipient();
        const int count = 8;
        for (var i = 0; i < count; i++)
        {
            await EnqueueAsync(TestMail($"slow:{to}:{i}", to));
        }

        // One second per message against a four-second claim: the first dispatcher's batch of eight outlives its claim,
        // and a second dispatcher, started once the claim has run out, takes over what is left.
        await using var sink = await SmtpSink.SlowAsync(1);
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Port", sink.PortText)
            .With("Smtp:TimeoutSeconds", "2")
            .With("Smtp:ClaimSeconds", "4"));
        var first = DispatchAsync(services.Services);
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var second = await DispatchAsync(services.Services);
        var reports = new[] { await first, second };

        var received = sink.ReceivedMessageIds();
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
        Assert.Equal(count, reports.Sum(r => r.Sent)); // each report tells what it really sent
        Assert.True(reports[0].TakenOver > 0, "the first dispatcher lost part of its batch to the second");
        Assert.All(await RowsForAsync(to), row => Assert.Equal((OutboxStatus.Sent, 1), (row.Status, row.Attempts)));
    }

    [Fact]
    public async Task DispatchAsync_RecordsASendThatOutlastedItsClaim_SoTheDispatcherThatTookItOverFindsItSent()
    {
        await using var due = await OnlyDueAsync("outlast");
        var key = due.Keys[0];

        // The server holds back its answer to DATA for six seconds; meanwhile another dispatcher takes the
        // claim over, as one would once the claim has run out.
        await using var sink = await SmtpSink.SlowAsync(6);
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(ConnectionFor(due.Application))
            .With("Smtp:Port", sink.PortText));
        var dispatch = DispatchAsync(services.Services);
        await SendUnderWayAsync(due.Application);
        var other = Guid.NewGuid();
        await worker.Database.ExecuteAsync(
            $"UPDATE bifsof.outbox_messages SET lock_token = '{other}', locked_until = now() + interval '1 minute' WHERE business_key = '{key}'");
        var report = await dispatch;

        Assert.True(report.TakenOver == 0, "the claim was taken over before the dispatcher's renewal, not during the send");
        Assert.Equal(1, report.Sent);
        Assert.Single(sink.ReceivedMessageIds(), id => id.Contains(Outbox.MessageIdFor(key, "bifsof.example.dk"), StringComparison.Ordinal));
        var row = Assert.Single(await RowsForAsync(due.To));
        Assert.Equal((OutboxStatus.Sent, 1, (Guid?)null), (row.Status, row.Attempts, row.LockToken));
        // The dispatcher that took it over renews its claim before its own send (the dispatcher's statement) and finds
        // nothing pending to send.
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>(
            $"WITH renewed AS (UPDATE bifsof.outbox_messages SET locked_until = now() + interval '2 minutes' WHERE business_key = '{key}' AND lock_token = '{other}' AND status = 'Pending' RETURNING id) SELECT count(*) FROM renewed"));
    }

    [Fact]
    public async Task DispatchAsync_RecordsTheSendOverAnotherConnection_WhenTheSessionsOwnDiedWhileTheSendWasUnderWay()
    {
        await using var due = await OnlyDueAsync("ownlost");
        await using var sink = await SmtpSink.SlowAsync(3);
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(ConnectionFor(due.Application))
            .With("Smtp:Port", sink.PortText));
        var dispatch = DispatchAsync(services.Services);
        await SendUnderWayAsync(due.Application);

        // Every connection of this dispatcher ends while the server holds back its answer, and its pool is emptied: the
        // session's own connection is broken, a new one from the pool is not.
        await worker.Database.ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{due.Application}'");
        services.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => dispatch);

        Assert.Single(sink.ReceivedMessageIds());
        var row = Assert.Single(await RowsForAsync(due.To));
        Assert.Equal((OutboxStatus.Sent, 1, (Guid?)null), (row.Status, row.Attempts, row.LockToken));
        var again = await DispatchAsync(services.Services);
        Assert.Equal(0, again.Sent);
        Assert.Single(sink.ReceivedMessageIds());
    }

    [Fact]
    public async Task DispatchAsync_KeepsTheClaimOfASendItCouldNotRecord_WhenNoConnectionCanRecordIt()
    {
        // Two e-mails in one batch: the first is accepted and cannot be recorded, the second is then given back unsent.
        await using var due = await OnlyDueAsync("unrecorded", count: 2);
        await using var sink = await SmtpSink.SlowAsync(1);
        var log = new CapturedLog();
        await using var services = await WorkerServices.StartAsync(
            new WorkerSettings(worker.Database.ConnectionString).With("Smtp:Port", sink.PortText).With("Smtp:Sessions", "1"),
            builder => builder.Logging.AddProvider(log));
        // The database refuses to record the first as sent, on any connection; it takes every other change.
        var trigger = $"refuse_sent_{RunId.New()}";
        await worker.Database.ExecuteAsync($"""
            CREATE FUNCTION bifsof.{trigger}() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN RAISE EXCEPTION 'test: no Sent for this e-mail'; END $$;
            CREATE TRIGGER {trigger} BEFORE UPDATE ON bifsof.outbox_messages FOR EACH ROW
              WHEN (NEW.status = 'Sent' AND OLD.business_key = '{due.Keys[0]}') EXECUTE FUNCTION bifsof.{trigger}();
            """);
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => DispatchAsync(services.Services));
            Assert.Equal("test: no Sent for this e-mail", ex.MessageText);

            // Accepted by the server, not recorded: it stays claimed (not given back, to be sent again at once) until
            // its claim runs out, and the log says so; then it is sent again with the same Message-ID.
            Assert.Single(sink.ReceivedMessageIds());
            var rows = (await RowsForAsync(due.To)).OrderBy(r => r.Id).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal((OutboxStatus.Pending, 0), (rows[0].Status, rows[0].Attempts));
            Assert.NotNull(rows[0].LockToken);
            Assert.True(rows[0].LockedUntil > DateTimeOffset.UtcNow, "the claim still runs");
            Assert.Contains(log.Entries, entry => entry.EventId == 3008
                && entry.Line.Contains($"Outbox message {rows[0].Id} was accepted by the SMTP server but could not be recorded as sent", StringComparison.Ordinal));
            // The second, never sent, is given back with the reason.
            Assert.Equal((OutboxStatus.Pending, 0, (Guid?)null), (rows[1].Status, rows[1].Attempts, rows[1].LockToken));
            Assert.StartsWith("Udsendelsen blev afbrudt: ", rows[1].LastError, StringComparison.Ordinal);
        }
        finally
        {
            await worker.Database.ExecuteAsync($"DROP TRIGGER {trigger} ON bifsof.outbox_messages; DROP FUNCTION bifsof.{trigger}();");
        }
    }

    [Fact]
    public async Task DispatchAsync_SaysTheServerRefusedTheLogin_WhenTheCredentialsAreWrong()
    {
        await using var due = await OnlyDueAsync("wrongpass");
        await using var server = new ExtraMailDev("--incoming-user", "someone", "--incoming-pass", "secret-pass");
        await server.StartAsync();
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Port", server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Smtp:User", "someone")
            .With("Smtp:Password", "not-the-password"));

        var ex = await Assert.ThrowsAsync<SmtpUnavailableException>(() => DispatchAsync(services.Services));

        Assert.Contains("refused the login (check Smtp__User and Smtp__Password)", ex.Message, StringComparison.Ordinal);
        var row = Assert.Single(await RowsForAsync(due.To));
        Assert.Equal((OutboxStatus.Pending, 0, (Guid?)null), (row.Status, row.Attempts, row.LockToken));
        Assert.StartsWith("SMTP-serveren afviste login: ", row.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SslOnConnect", "TLS-forbindelsen til SMTP-serveren mislykkedes: ")]
    [InlineData("StartTls", "Forbindelsen til SMTP-serveren mislykkedes: ")]
    public async Task DispatchAsync_GivesTheEMailBackWithWhyTheConnectionFailed_WhenTheServerOffersNoTlsTheSettingsAskFor(string security, string label)
    {
        await using var due = await OnlyDueAsync($"tls-{security}");
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Security", security));

        await Assert.ThrowsAnyAsync<Exception>(() => DispatchAsync(services.Services));

        var row = Assert.Single(await RowsForAsync(due.To));
        Assert.Equal((OutboxStatus.Pending, 0, (Guid?)null), (row.Status, row.Attempts, row.LockToken));
        Assert.StartsWith(label, row.LastError, StringComparison.Ordinal);
    }

    // The only e-mails due while a test runs (what other tests left pending would go first): queued here, the others'
    // next attempt put a century later; disposing deletes these and gives the others their time back. The dispatcher's
    // connections can be told apart by the application name.
    private async Task<OnlyDue> OnlyDueAsync(string prefix, int count = 1)
    {
        var to = Recipient();
        var keys = Enumerable.Range(1, count).Select(i => $"{prefix}:{to}:{i}").ToList();
        foreach (var key in keys)
        {
            await EnqueueAsync(TestMail(key, to));
        }

        var pushed = await worker.Database.ScalarAsync<string>($"""
            WITH pushed AS (
              UPDATE bifsof.outbox_messages SET next_attempt_at = next_attempt_at + interval '100 years'
              WHERE status = 'Pending' AND business_key NOT IN ({Quoted(keys)}) RETURNING id)
            SELECT coalesce(string_agg(id::text, ','), '') FROM pushed
            """);
        return new OnlyDue(worker.Database, to, keys, pushed, $"bifsof-{RunId.New()}");
    }

    private sealed class OnlyDue(TestDatabase database, string to, IReadOnlyList<string> keys, string pushed, string application) : IAsyncDisposable
    {
        public string To => to;

        public IReadOnlyList<string> Keys => keys;

        public string Application => application;

        public async ValueTask DisposeAsync()
        {
            await database.ExecuteAsync($"DELETE FROM bifsof.outbox_messages WHERE business_key IN ({Quoted(keys)})");
            if (pushed.Length > 0)
            {
                await database.ExecuteAsync($"UPDATE bifsof.outbox_messages SET next_attempt_at = next_attempt_at - interval '100 years' WHERE id IN ({pushed})");
            }
        }
    }

    private static string Quoted(IEnumerable<string> keys) => string.Join(", ", keys.Select(key => $"'{key}'"));

    private string ConnectionFor(string application) =>
        new NpgsqlConnectionStringBuilder(worker.Database.ConnectionString) { ApplicationName = application }.ConnectionString;

    // The send is under way once the session's own connection is idle after the claim's renewal (the dispatcher's status
    // statement, which renews the claim right before each send); the server holds back its answer to DATA then. The
    // statement's text shows from its preparation on, a moment before its first run: the short wait covers that moment,
    // far inside the server's hold.
    private async Task SendUnderWayAsync(string application)
    {
        await PollAsync(
            $"SELECT count(*)::float8 FROM pg_stat_activity WHERE application_name = '{application}' AND state = 'idle' AND query LIKE '%renewed AS%'",
            until: sessions => sessions >= 1,
            TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
    }

    private async Task PollAsync(string sql, Func<double, bool> until, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await worker.Database.ScalarAsync<double>(sql);
            if (until(value))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting: {sql}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task DispatchAsync_KeepsMailPending_WhileTheSmtpServerIsDown_AndSendsItAfterRecovery()
    {
        var to = Recipient();
        await using var server = new ExtraMailDev();
        await using var services = await WorkerServices.StartAsync(
            new WorkerSettings(worker.Database.ConnectionString).With("Smtp:Port", server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await EnqueueAsync(TestMail($"down:{to}", to));

        await Assert.ThrowsAsync<SmtpUnavailableException>(() => DispatchAsync(services.Services));
        var pending = Assert.Single(await RowsForAsync(to));
        Assert.Equal(OutboxStatus.Pending, pending.Status);
        Assert.Equal(0, pending.Attempts);
        Assert.Null(pending.LockToken);
        Assert.StartsWith("SMTP-serveren svarede ikke: ", pending.LastError, StringComparison.Ordinal);

        await server.StartAsync();
        var report = await DispatchAsync(services.Services);

        Assert.True(report.Sent >= 1);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RowsForAsync(to)).Status);
        using var mailDev = new MailDevClient(server.Web);
        Assert.Single(await mailDev.WaitForAsync(to, 1));
    }

    [Fact]
    public async Task DispatchAsync_SendsEachEMailOfABatchWithItsOwnAttachments_InlineAndFiles_AndNoneWhereThereAreNone()
    {
        // One dispatch, one batch: the attachments are read apart from the e-mails and matched to them by id.
        var (first, second, third) = (Recipient(), Recipient(), Recipient());
        var chart = System.Security.Cryptography.RandomNumberGenerator.GetBytes(3000);
        var book = System.Security.Cryptography.RandomNumberGenerator.GetBytes(2000);
        var other = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1000);
        await EnqueueAsync(TestMail($"batch:{first}", first, [
            new EmailAttachment("graf.png", "image/png", chart, ContentId: "graf"),
            new EmailAttachment("faellesborgere.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", book)]));
        await EnqueueAsync(TestMail($"batch:{second}", second));
        await EnqueueAsync(TestMail($"batch:{third}", third, [new EmailAttachment("andet.bin", "application/octet-stream", other)]));
        await DispatchAsync();

#pragma warning disable CA5351 // MD5 only to compare with the checksum MailDev's parser gives each attachment
        static string Md5(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes));
#pragma warning restore CA5351
        // MailDev's parser gives a part without a Content-ID one of its own (…@mailparser).
        static string? OurContentId(string? id) => id is null || id.EndsWith("@mailparser", StringComparison.Ordinal) ? null : id.Trim('<', '>');
        using var mailDev = MailDevClient.Shared();
        var withTwo = Assert.Single(await mailDev.WaitForAsync(first, 1));
        Assert.Equal(
            [("faellesborgere.xlsx", (string?)null, Md5(book)), ("graf.png", "graf", Md5(chart))],
            withTwo.Attachments!.Select(a => (a.FileName!, OurContentId(a.ContentId), a.Checksum!)).OrderBy(a => a.Item1));
        Assert.Empty(Assert.Single(await mailDev.WaitForAsync(second, 1)).Attachments ?? []);
        var withOne = Assert.Single(Assert.Single(await mailDev.WaitForAsync(third, 1)).Attachments!);
        Assert.Equal(("andet.bin", Md5(other)), (withOne.FileName, withOne.Checksum));
    }

    [Fact]
    public async Task DispatchAsync_SendsHtmlTextAttachmentsAndAStableMessageId()
    {
        var to = Recipient();
        var key = $"parts:{to}";
        await EnqueueAsync(TestMail(key, to, [new EmailAttachment("frist.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray())]));
        await DispatchAsync();

        using var mailDev = MailDevClient.Shared();
        var email = Assert.Single(await mailDev.WaitForAsync(to, 1));
        Assert.Equal("Prøve-e-mail fra BifSofWorker", email.Subject);
        Assert.Contains("<h1", email.Html, StringComparison.Ordinal);
        Assert.Contains("Prøve-e-mail", email.Text, StringComparison.Ordinal);
        Assert.Equal("frist.ics", Assert.Single(email.Attachments!).FileName);
        Assert.Equal(Outbox.MessageIdFor(key, "bifsof.example.dk"), email.MessageId!.Trim('<', '>'));
    }

    [Fact]
    public async Task DispatchAsync_RetriesARefusedMessageWithBackoff_AndParksItAsDeadAfterMaxAttempts()
    {
        var to = Recipient();
        await using var server = await SmtpSink.RefusingAsync();
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Smtp:MaxAttempts", "2"));
        await EnqueueAsync(TestMail($"refused:{to}", to));

        var first = await DispatchAsync(services.Services);
        var afterFirst = Assert.Single(await RowsForAsync(to));
        var tooEarly = await DispatchAsync(services.Services);

        Assert.True(first.Failed >= 1);
        Assert.Equal((OutboxStatus.Pending, 1), (afterFirst.Status, afterFirst.Attempts));
        Assert.StartsWith("500", afterFirst.LastError, StringComparison.Ordinal);
        Assert.True(afterFirst.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(30), "the next attempt waits");
        Assert.Equal(0, tooEarly.Failed + tooEarly.Sent);

        await worker.Database.ExecuteAsync($"UPDATE bifsof.outbox_messages SET next_attempt_at = now() WHERE business_key = 'refused:{to}'");
        var last = await DispatchAsync(services.Services);

        Assert.Equal(1, last.Dead);
        var dead = Assert.Single(await RowsForAsync(to));
        Assert.Equal((OutboxStatus.Dead, 2), (dead.Status, dead.Attempts));
    }

    [Fact]
    public async Task DispatchAsync_CountsNoAttempt_WhenTheServerDemandsCredentialsWeDoNotHave()
    {
        var to = Recipient();
        await using var server = new ExtraMailDev("--incoming-user", "someone", "--incoming-pass", "secret-pass");
        await server.StartAsync();
        await using var services = await WorkerServices.StartAsync(new WorkerSettings(worker.Database.ConnectionString)
            .With("Smtp:Port", server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await EnqueueAsync(TestMail($"noauth:{to}", to));

        var ex = await Assert.ThrowsAsync<SmtpUnavailableException>(() => DispatchAsync(services.Services));

        Assert.Contains("Smtp__User", ex.Message, StringComparison.Ordinal);
        var row = Assert.Single(await RowsForAsync(to));
        Assert.Equal((OutboxStatus.Pending, 0), (row.Status, row.Attempts));
        Assert.Null(row.LockToken);
        Assert.StartsWith("SMTP-serveren kræver et login, der ikke er sat op: ", row.LastError, StringComparison.Ordinal);
        await worker.Database.ExecuteAsync($"DELETE FROM bifsof.outbox_messages WHERE business_key = 'noauth:{to}'");
    }
}
