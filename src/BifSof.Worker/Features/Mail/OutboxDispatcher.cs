using System.Net;
using System.Net.Sockets;
using BifSof.Worker.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// Delivers the outbox over up to <see cref="SmtpOptions.Sessions"/> SMTP sessions in parallel. Each session claims a
/// batch of due messages (SKIP LOCKED, so racing sessions and dispatchers never share one), sends them one after the
/// other over its one connection (opened with TCP_NODELAY, kept open for the session's next batches) and records each
/// outcome. A server that cannot be reached costs no attempt: the claim is released and the message waits for the next
/// run. A message the server refuses is retried with backoff and parked as dead after
/// <see cref="SmtpOptions.MaxAttempts"/> attempts.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    BifSofDbContext db,
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = clock.GetTimestamp();
        // The sessions share this scope's DbContext only to load their batches, one at a time.
        using var load = new SemaphoreSlim(1, 1);
        var sessions = Enumerable.Range(0, settings.Sessions).Select(_ => new SessionState(load)).ToArray();
        // Each session on a thread of its own (see RunSession). A session that ends by cancellation counts as cancelled,
        // as before, not as failed.
        var runs = sessions.Select(session => Task.Factory.StartNew(
            () => RunSession(session, settings, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default)).ToArray();
        try
        {
            await Task.WhenAll(runs);
        }
        catch (Exception) when (runs.All(r => r.IsCompleted))
        {
            // Every session has ended and given back what it did not send; the failures are reported below, with what
            // the other sessions did.
        }

        var report = new DispatchReport
        {
            Sent = sessions.Sum(s => s.Report.Sent),
            Failed = sessions.Sum(s => s.Report.Failed),
            Dead = sessions.Sum(s => s.Report.Dead),
            TakenOver = sessions.Sum(s => s.Report.TakenOver),
            Sessions = sessions.Count(s => s.Connected),
        };
        var failures = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!)
            .Where(f => !(f is OperationCanceledException && cancellationToken.IsCancellationRequested))
            .ToList();
        report.StillPending = await CountPendingAsync();
        var elapsed = clock.GetElapsedTime(started);
        var statusMs = (long)TimeSpan.FromTicks(sessions.Sum(s => s.StatusTicks)).TotalMilliseconds;
        MailLog.DispatchDone(logger, report.Sent, report.Sessions, (long)elapsed.TotalMilliseconds, statusMs);

        if (failures.Count > 0)
        {
            if (failures.All(f => f is SmtpUnavailableException))
            {
                var first = (SmtpUnavailableException)failures[0];
                throw new SmtpUnavailableException(first.Message, first.InnerException!) { Report = report };
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.First(f => f is not SmtpUnavailableException));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (runs.Any(r => r.IsCanceled))
        {
            throw new OperationCanceledException("A dispatch session was cancelled; what it had not sent stays pending.");
        }

        return report;
    }

    private async Task<int> CountPendingAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM bifsof.outbox_messages WHERE status = 'Pending'");
        return (int)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    /// <summary>
    /// One SMTP session: claims batches until nothing is due, over one connection opened at its first batch. It runs on
    /// a thread of its own and sends and records each e-mail with MailKit's and Npgsql's synchronous calls: a session
    /// is strictly sequential (record, send, record, …), and awaiting each of those short steps on the thread pool cost
    /// more CPU in waking and spinning threads than the steps themselves (docs/mail.md). What happens once per batch
    /// (claim, load, connect, release) stays asynchronous and is waited for here.
    /// </summary>
    private void RunSession(SessionState session, SmtpOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        while (!cancellationToken.IsCancellationRequested)
        {
            var token = Guid.NewGuid();
            var ids = Claim(token, settings.BatchSize, Lease(settings), cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            // Synchronous too: a batch is ~100 rows of ~80 KB, and reading them asynchronously costs an await (and a
            // thread-pool hop) per network read. Not cancellable while it runs (the command timeout bounds it); the
            // token is checked right after.
            List<OutboxMessage> batch;
            session.Load.Wait(cancellationToken);
            try
            {
                batch = db.OutboxMessages.AsNoTracking()
                    .Include(m => m.Attachments)
                    .Where(m => ids.Contains(m.Id))
                    .OrderBy(m => m.Id)
                    .ToList();
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (Exception ex)
            {
                ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                throw;
            }
            finally
            {
                session.Load.Release();
            }

            if (!client.IsConnected)
            {
                try
                {
                    ConnectAsync(client, settings, cancellationToken).GetAwaiter().GetResult();
                    session.Connected = true;
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                    throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
                }
                catch (ServiceNotAuthenticatedException ex)
                {
                    ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                    throw NotAuthenticated(settings, ex);
                }
                catch (Exception ex)
                {
                    ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                    throw;
                }
            }

            try
            {
                SendBatch(client, batch, token, settings, session, cancellationToken);
            }
            catch (ServiceNotAuthenticatedException ex)
            {
                // The server wants credentials we do not have: a configuration fault that every message would hit,
                // so it costs no attempt.
                ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                throw NotAuthenticated(settings, ex);
            }
            catch (Exception ex) when (ex is not SmtpUnavailableException)
            {
                // Shutting down, or something unforeseen: give back what was not sent, so the next run need not wait
                // for the lease to expire.
                ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                throw;
            }
        }

        if (client.IsConnected)
        {
            try
            {
                client.Disconnect(quit: true, CancellationToken.None);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Everything of this session is recorded; a QUIT the server did not answer changes nothing.
                MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
            }
        }
    }

    private static SmtpUnavailableException NotAuthenticated(SmtpOptions settings, Exception ex) =>
        new($"The SMTP server {settings.Host}:{settings.Port} requires authentication (check Smtp__User and Smtp__Password); the e-mails stay pending.", ex);

    /// <summary>
    /// Sends a claimed batch, one e-mail after the other. Right before each e-mail goes out, one round trip (one
    /// transaction) records the previous e-mail as sent and renews the claim on this one; only what is still ours is
    /// sent. So e-mail i-1's "Sent" is committed before e-mail i leaves (a kill costs at most one e-mail twice per
    /// session), and each send happens on a claim renewed a moment before.
    /// </summary>
    private void SendBatch(SmtpClient client, List<OutboxMessage> batch, Guid token, SmtpOptions settings, SessionState session, CancellationToken cancellationToken)
    {
        var report = session.Report;
        var lease = Lease(settings);
        (long Id, string Reply)? accepted = null; // accepted by the server, its "Sent" not yet committed

        // Marks what the server accepted and (when given) renews the claim on the next e-mail. A round trip that failed
        // while it carried a "Sent" gets that "Sent" once more, on its own: forgetting it would send it twice.
        bool Record(long? renews, CancellationToken renewalCancellation)
        {
            var started = clock.GetTimestamp();
            try
            {
                var marks = accepted;
                bool ours;
                try
                {
                    ours = MarkSentAndRenew(marks, renews, token, lease, marks is null ? renewalCancellation : CancellationToken.None);
                }
                catch (Exception) when (marks is not null && renews is not null)
                {
                    MarkSentAndRenew(marks, null, token, lease, CancellationToken.None);
                    accepted = null;
                    throw;
                }

                accepted = null;
                return ours;
            }
            finally
            {
                session.StatusTicks += clock.GetElapsedTime(started).Ticks;
            }
        }

        try
        {
            foreach (var message in batch)
            {
                // A slow relay can make a batch outlast its claim, and another dispatcher may then have taken this
                // e-mail: the claim is renewed right before sending, and only what is still ours is sent.
                if (!Record(message.Id, cancellationToken))
                {
                    report.TakenOver++;
                    MailLog.TakenOver(logger, message.Id);
                    continue;
                }

                try
                {
                    var reply = client.Send(ToMime(message, settings), cancellationToken);
                    accepted = (message.Id, reply);
                    report.Sent++;
                    MailLog.Sent(logger, message.Id, message.Template);
                }
                catch (SmtpCommandException ex)
                {
                    // The server refused this message (sender, recipient or content): count it against the message.
                    var dead = MarkFailedAsync(message.Id, token, Describe(ex), settings.MaxAttempts, cancellationToken).GetAwaiter().GetResult();
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    MailLog.Refused(logger, message.Id, message.Template, (int)ex.StatusCode, dead);
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    // The connection broke mid-message: it may or may not have arrived, so it counts as an attempt;
                    // the rest of the batch waits for the next run.
                    var dead = MarkFailedAsync(message.Id, token, ex.Message, settings.MaxAttempts, CancellationToken.None).GetAwaiter().GetResult();
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    ReleaseAsync(token, ex.Message, CancellationToken.None).GetAwaiter().GetResult();
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                    throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
                }
            }
        }
        finally
        {
            // Whatever happens next (a release of the claims, another batch), what the server accepted is marked sent.
            if (accepted is not null)
            {
                Record(null, CancellationToken.None);
            }
        }
    }

    /// <summary>What one session did; read once every session has ended.</summary>
    private sealed class SessionState(SemaphoreSlim load)
    {
        public SemaphoreSlim Load { get; } = load;

        public DispatchReport Report { get; } = new();

        public bool Connected { get; set; }

        public long StatusTicks { get; set; }
    }

    private static TimeSpan Lease(SmtpOptions settings) => TimeSpan.FromSeconds(settings.EffectiveClaimSeconds);

    private List<long> Claim(Guid token, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET locked_until = now() + @lease, lock_token = @token
            WHERE id IN (
                SELECT id FROM bifsof.outbox_messages
                WHERE status = 'Pending'
                  AND next_attempt_at <= now()
                  AND (locked_until IS NULL OR locked_until < now())
                ORDER BY next_attempt_at, id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("batch", batchSize);
        var ids = new List<long>();
        cancellationToken.ThrowIfCancellationRequested();
        using (cancellationToken.Register(static c => ((NpgsqlCommand)c!).Cancel(), command))
        {
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The claim was cancelled.", ex, cancellationToken);
            }
        }

        return ids;
    }

    /// <summary>
    /// In one round trip and one transaction: marks the e-mail the server just accepted as sent (when there is one) and
    /// extends this dispatcher's claim on the next one (when there is one). Returns false when the claim on the next
    /// e-mail is no longer ours. Synchronous (see <see cref="RunSession"/>); a cancellation cancels the statement on
    /// the server. The "Sent" is not cancellable: the server has the message, and forgetting that would send it twice.
    /// </summary>
    private bool MarkSentAndRenew((long Id, string Reply)? accepted, long? next, Guid token, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var batch = dataSource.CreateBatch();
        if (accepted is { } sent)
        {
            var mark = new NpgsqlBatchCommand(
                """
                UPDATE bifsof.outbox_messages
                SET status = 'Sent', sent_at = now(), server_reply = @reply, attempts = attempts + 1,
                    last_error = NULL, locked_until = NULL, lock_token = NULL
                WHERE id = @id AND lock_token = @token
                """);
            mark.Parameters.AddWithValue("reply", Truncate(sent.Reply));
            mark.Parameters.AddWithValue("id", sent.Id);
            mark.Parameters.AddWithValue("token", token);
            batch.BatchCommands.Add(mark);
        }

        if (next is { } id)
        {
            var renew = new NpgsqlBatchCommand(
                """
                UPDATE bifsof.outbox_messages
                SET locked_until = now() + @lease
                WHERE id = @id AND lock_token = @token AND status = 'Pending'
                """);
            renew.Parameters.AddWithValue("lease", lease);
            renew.Parameters.AddWithValue("id", id);
            renew.Parameters.AddWithValue("token", token);
            batch.BatchCommands.Add(renew);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using (cancellationToken.Register(static b => ((NpgsqlBatch)b!).Cancel(), batch))
        {
            try
            {
                batch.ExecuteNonQuery();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The claim renewal was cancelled.", ex, cancellationToken);
            }
        }

        return next is null || batch.BatchCommands[^1].RecordsAffected == 1;
    }

    /// <summary>Counts a failed attempt; returns true when the message is now dead.</summary>
    private async Task<bool> MarkFailedAsync(long id, Guid token, string error, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET attempts = attempts + 1,
                last_error = @error,
                status = CASE WHEN attempts + 1 >= @max THEN 'Dead' ELSE 'Pending' END,
                next_attempt_at = now() + least(interval '1 minute' * power(2, attempts), interval '6 hours'),
                locked_until = NULL, lock_token = NULL
            WHERE id = @id AND lock_token = @token
            RETURNING status = 'Dead'
            """);
        command.Parameters.AddWithValue("error", Truncate(error));
        command.Parameters.AddWithValue("max", maxAttempts);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("token", token);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Gives back what this dispatcher still holds, untouched, for the next run.</summary>
    private async Task ReleaseAsync(Guid token, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET locked_until = NULL, lock_token = NULL, last_error = @error
            WHERE lock_token = @token
            """);
        command.Parameters.AddWithValue("error", Truncate("SMTP-serveren svarede ikke: " + error));
        command.Parameters.AddWithValue("token", token);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ConnectAsync(SmtpClient client, SmtpOptions settings, CancellationToken cancellationToken)
    {
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        // Our own socket, for TCP_NODELAY: MailKit's own leaves Nagle on, and the last small write of each message (the
        // end of the data and its final ".") then waits for the server's delayed ACK, about 40 ms a message
        // (docs/mail.md). MailKit owns the socket once connected.
        var socket = await OpenSocketAsync(settings.Host!, settings.Port, TimeSpan.FromSeconds(settings.TimeoutSeconds), cancellationToken);
        try
        {
            await client.ConnectAsync(socket, settings.Host!, settings.Port, security, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password!, cancellationToken);
        }
    }

    private static async Task<Socket> OpenSocketAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, limit.Token);
            SocketException? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, port, limit.Token);
                    return socket;
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw last ?? new SocketException((int)SocketError.HostNotFound);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No connection to {host}:{port} within {timeout.TotalSeconds:0} seconds.", ex);
        }
    }

    internal static MimeMessage ToMime(OutboxMessage message, SmtpOptions settings)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(settings.From!));
        mime.To.AddRange(message.To.Select(MailboxAddress.Parse));
        mime.Cc.AddRange(message.Cc.Select(MailboxAddress.Parse));
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        foreach (var attachment in message.Attachments.OrderBy(a => a.Id))
        {
            // A picture the HTML shows by cid: goes beside the body (multipart/related), not among the files.
            var part = attachment.ContentId is null
                ? body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType))
                : body.LinkedResources.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
            if (attachment.ContentId is not null)
            {
                part.ContentId = attachment.ContentId;
            }
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static bool IsConnectionFailure(Exception ex) =>
        ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
            or AuthenticationException or SslHandshakeException or TimeoutException
            || (ex is OperationCanceledException && ex.InnerException is TimeoutException);

    private static string Describe(SmtpCommandException ex) =>
        $"{(int)ex.StatusCode} {ex.Message}";

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}
