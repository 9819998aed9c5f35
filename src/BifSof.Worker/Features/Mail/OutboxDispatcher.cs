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
        var runs = sessions.Select(session => Task.Run(() => RunSessionAsync(session, settings, cancellationToken), CancellationToken.None)).ToArray();
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
        var failures = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!).ToList();
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

    /// <summary>One SMTP session: claims batches until nothing is due, over one connection opened at its first batch.</summary>
    private async Task RunSessionAsync(SessionState session, SmtpOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        while (!cancellationToken.IsCancellationRequested)
        {
            var token = Guid.NewGuid();
            var ids = await ClaimAsync(token, settings.BatchSize, Lease(settings), cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            List<OutboxMessage> batch;
            await session.Load.WaitAsync(cancellationToken);
            try
            {
                batch = await db.OutboxMessages.AsNoTracking()
                    .Include(m => m.Attachments)
                    .Where(m => ids.Contains(m.Id))
                    .OrderBy(m => m.Id)
                    .ToListAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                await ReleaseAsync(token, ex.Message, CancellationToken.None);
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
                    await ConnectAsync(client, settings, cancellationToken);
                    session.Connected = true;
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    await ReleaseAsync(token, ex.Message, CancellationToken.None);
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                    throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
                }
                catch (ServiceNotAuthenticatedException ex)
                {
                    await ReleaseAsync(token, ex.Message, CancellationToken.None);
                    throw NotAuthenticated(settings, ex);
                }
                catch (Exception ex)
                {
                    await ReleaseAsync(token, ex.Message, CancellationToken.None);
                    throw;
                }
            }

            try
            {
                await SendBatchAsync(client, batch, token, settings, session, cancellationToken);
            }
            catch (ServiceNotAuthenticatedException ex)
            {
                // The server wants credentials we do not have: a configuration fault that every message would hit,
                // so it costs no attempt.
                await ReleaseAsync(token, ex.Message, CancellationToken.None);
                throw NotAuthenticated(settings, ex);
            }
            catch (Exception ex) when (ex is not SmtpUnavailableException)
            {
                // Shutting down, or something unforeseen: give back what was not sent, so the next run need not wait
                // for the lease to expire.
                await ReleaseAsync(token, ex.Message, CancellationToken.None);
                throw;
            }
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
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
    /// Sends a claimed batch. Each e-mail's claim is renewed before it is sent, and only what is still ours is sent.
    /// E-mail i-1 is recorded as sent before e-mail i goes out (so a kill costs at most one e-mail twice per session);
    /// the renewal of e-mail i+1 overlaps the send of e-mail i. A renewal
    /// older than <see cref="RenewalFreshness"/> when its e-mail's turn comes (a slow relay) is done again, right
    /// before the send.
    /// </summary>
    private async Task SendBatchAsync(SmtpClient client, List<OutboxMessage> batch, Guid token, SmtpOptions settings, SessionState session, CancellationToken cancellationToken)
    {
        var report = session.Report;
        var lease = Lease(settings);
        (long Id, string Reply)? accepted = null; // accepted by the server, its "Sent" not yet on its way
        StatusUpdate? next = null; // on its way: an earlier "Sent" and the renewal of the next e-mail

        // Every "Sent" on its way lands before anything else is decided: forgetting one would send it twice.
        async Task SettleAsync()
        {
            try
            {
                if (next is { } update)
                {
                    next = null;
                    var waiting = clock.GetTimestamp();
                    await CompleteAsync(update);
                    session.StatusTicks += clock.GetElapsedTime(waiting).Ticks;
                }
            }
            finally
            {
                if (accepted is not null)
                {
                    var started = clock.GetTimestamp();
                    await MarkSentAndRenewAsync(accepted, null, token, lease, CancellationToken.None);
                    accepted = null;
                    session.StatusTicks += clock.GetElapsedTime(started).Ticks;
                }
            }
        }

        // A round trip that failed while it carried a "Sent" gets that "Sent" once more, on its own.
        async Task<bool> CompleteAsync(StatusUpdate update)
        {
            try
            {
                return await update.Task;
            }
            catch (Exception) when (update.Marks is not null)
            {
                await MarkSentAndRenewAsync(update.Marks, null, token, lease, CancellationToken.None);
                throw;
            }
        }

        StatusUpdate Start((long Id, string Reply)? marks, long? renews) =>
            new(MarkSentAndRenewAsync(marks, renews, token, lease, marks is null ? cancellationToken : CancellationToken.None), marks, clock.GetTimestamp());

        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];

                // A slow relay can make a batch outlast its claim, and another dispatcher may then have taken this e-mail:
                // the claim is renewed just before sending (or one send before, when that send was quick), and only
                // what is still ours is sent.
                bool ours;
                if (next is { } update && clock.GetElapsedTime(update.Started) <= RenewalFreshness)
                {
                    next = null;
                    var waiting = clock.GetTimestamp();
                    ours = await CompleteAsync(update);
                    session.StatusTicks += clock.GetElapsedTime(waiting).Ticks;
                }
                else
                {
                    await SettleAsync();
                    var started = clock.GetTimestamp();
                    ours = await MarkSentAndRenewAsync(null, message.Id, token, lease, cancellationToken);
                    session.StatusTicks += clock.GetElapsedTime(started).Ticks;
                }

                if (!ours)
                {
                    report.TakenOver++;
                    MailLog.TakenOver(logger, message.Id);
                    continue;
                }

                // The previous e-mail's "Sent" lands before this one goes out: a kill during this send can then cost at
                // most this one e-mail twice per session (the chaos run's "duplicates at most kills").
                if (accepted is not null)
                {
                    var marking = clock.GetTimestamp();
                    await MarkSentAndRenewAsync(accepted, null, token, lease, CancellationToken.None);
                    accepted = null;
                    session.StatusTicks += clock.GetElapsedTime(marking).Ticks;
                }

                // Alongside this send: the next e-mail's renewal.
                if (i + 1 < batch.Count)
                {
                    next = Start(null, batch[i + 1].Id);
                }

                try
                {
                    var reply = await client.SendAsync(ToMime(message, settings), cancellationToken);
                    accepted = (message.Id, reply);
                    report.Sent++;
                    MailLog.Sent(logger, message.Id, message.Template);
                }
                catch (SmtpCommandException ex)
                {
                    // The server refused this message (sender, recipient or content): count it against the message.
                    var dead = await MarkFailedAsync(message.Id, token, Describe(ex), settings.MaxAttempts, cancellationToken);
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    MailLog.Refused(logger, message.Id, message.Template, (int)ex.StatusCode, dead);
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    // The connection broke mid-message: it may or may not have arrived, so it counts as an attempt;
                    // the rest of the batch waits for the next run.
                    await SettleAsync();
                    var dead = await MarkFailedAsync(message.Id, token, ex.Message, settings.MaxAttempts, CancellationToken.None);
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    await ReleaseAsync(token, ex.Message, CancellationToken.None);
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                    throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
                }
            }
        }
        finally
        {
            // Whatever happens next (a release of the claims, another batch), what the server accepted is marked sent.
            await SettleAsync();
        }
    }

    /// <summary>
    /// How old a renewal made alongside the previous send may be when its e-mail's turn comes; older, and the claim is
    /// renewed again right before the send. Far below any lease (<see cref="SmtpOptions.EffectiveClaimSeconds"/> is at least 2).
    /// </summary>
    private static readonly TimeSpan RenewalFreshness = TimeSpan.FromSeconds(1);

    /// <summary>A status round trip on its way: the "Sent" it carries (if any) and when it started.</summary>
    private sealed record StatusUpdate(Task<bool> Task, (long Id, string Reply)? Marks, long Started);

    /// <summary>What one session did; read once every session has ended.</summary>
    private sealed class SessionState(SemaphoreSlim load)
    {
        public SemaphoreSlim Load { get; } = load;

        public DispatchReport Report { get; } = new();

        public bool Connected { get; set; }

        public long StatusTicks { get; set; }
    }

    private static TimeSpan Lease(SmtpOptions settings) => TimeSpan.FromSeconds(settings.EffectiveClaimSeconds);

    private async Task<List<long>> ClaimAsync(Guid token, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// In one round trip: marks the e-mail the server just accepted as sent (when there is one) and extends this
    /// dispatcher's claim on the next one (when there is one). Returns false when the claim on the next e-mail is no
    /// longer ours. The "Sent" is not cancellable: the server has the message, and forgetting that would send it twice.
    /// </summary>
    private async Task<bool> MarkSentAndRenewAsync((long Id, string Reply)? accepted, long? next, Guid token, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
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

        await batch.ExecuteNonQueryAsync(accepted is null ? cancellationToken : CancellationToken.None);
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
