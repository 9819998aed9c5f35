using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
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
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = clock.GetTimestamp();
        var sessions = Enumerable.Range(0, settings.Sessions).Select(_ => new SessionState(dataSource)).ToArray();
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
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
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
            try
            {
                batch = await session.Db.LoadAsync(ids, cancellationToken);
            }
            catch (Exception ex)
            {
                await ReleaseAsync(token, NotLoaded + ex.Message, CancellationToken.None);
                throw;
            }

            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(client, settings, cancellationToken);
                    session.Connected = true;
                }
                catch (AuthenticationException ex)
                {
                    // The server refused the configured login: a configuration fault, like a missing one.
                    await ReleaseAsync(token, LoginRefused + ex.Message, CancellationToken.None);
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, "login refused: " + ex.Message);
                    throw new SmtpUnavailableException(
                        $"The SMTP server {settings.Host}:{settings.Port} refused the login (check Smtp__User and Smtp__Password); the e-mails stay pending.", ex);
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    await ReleaseAsync(token, WhyUnavailable(ex) + ex.Message, CancellationToken.None);
                    MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                    throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
                }
                catch (ServiceNotAuthenticatedException ex)
                {
                    await ReleaseAsync(token, NoCredentials + ex.Message, CancellationToken.None);
                    throw NotAuthenticated(settings, ex);
                }
                catch (Exception ex)
                {
                    await ReleaseAsync(token, ConnectFailed + ex.Message, CancellationToken.None);
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
                await ReleaseAsync(token, NoCredentials + ex.Message, CancellationToken.None, session.Unrecorded);
                throw NotAuthenticated(settings, ex);
            }
            catch (Exception ex) when (ex is not SmtpUnavailableException)
            {
                // Shutting down, or something unforeseen: give back what was not sent, so the next run need not wait
                // for the lease to expire.
                await ReleaseAsync(token, Interrupted + ex.Message, CancellationToken.None, session.Unrecorded);
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
    /// Sends a claimed batch, one e-mail after the other. Right before each send, one round trip (one statement, one
    /// commit) records the previous e-mail as sent and renews the claim on this one; only what is still ours is sent. So
    /// e-mail i-1 is recorded as sent before e-mail i goes out (a kill costs at most one e-mail twice per session), and
    /// no e-mail goes out on a claim older than that round trip.
    /// </summary>
    private async Task SendBatchAsync(SmtpClient client, List<OutboxMessage> batch, Guid token, SmtpOptions settings, SessionState session, CancellationToken cancellationToken)
    {
        var report = session.Report;
        var lease = Lease(settings);
        (long Id, string Reply)? accepted = null; // accepted by the server, not yet recorded as sent

        // Records what the server accepted (when there is one) and renews the claim on the next e-mail (when there is
        // one). Not cancellable while it carries a "Sent": forgetting an accepted e-mail would send it twice.
        async Task<bool> StatusAsync(long? renews)
        {
            var started = clock.GetTimestamp();
            var result = await session.Db.MarkSentAndRenewAsync(
                accepted, renews, token, lease, accepted is null ? cancellationToken : CancellationToken.None);
            if (accepted is { } sent && !result.SentOnOurClaim)
            {
                // The send outlasted the claim (a slow relay): another dispatcher may have taken this e-mail over.
                MailLog.SentAfterClaimRanOut(logger, sent.Id, result.SentRecorded);
            }

            accepted = null;
            session.StatusTicks += clock.GetElapsedTime(started).Ticks;
            return result.NextIsOurs;
        }

        try
        {
            foreach (var message in batch)
            {
                // A slow relay can make a batch outlast its claim, and another dispatcher may then have taken this
                // e-mail: the claim is renewed right before the send, and only what is still ours is sent.
                if (!await StatusAsync(message.Id))
                {
                    report.TakenOver++;
                    MailLog.TakenOver(logger, message.Id);
                    continue;
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
                    var dead = await session.Db.MarkFailedAsync(message.Id, token, Describe(ex), settings.MaxAttempts, cancellationToken);
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    MailLog.Refused(logger, message.Id, message.Template, (int)ex.StatusCode, dead);
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    // The connection broke mid-message: it may or may not have arrived, so it counts as an attempt;
                    // the rest of the batch waits for the next run.
                    var dead = await session.Db.MarkFailedAsync(message.Id, token, Broken + ex.Message, settings.MaxAttempts, CancellationToken.None);
                    report.Failed++;
                    report.Dead += dead ? 1 : 0;
                    await ReleaseAsync(token, WhyUnavailable(ex) + ex.Message, CancellationToken.None);
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
                await RecordAcceptedAsync();
            }
        }

        // The session's connection once more, then a pooled one; failing both, the e-mail is kept out of the release.
        async Task RecordAcceptedAsync()
        {
            try
            {
                await StatusAsync(null);
            }
            catch (Exception) when (accepted is { } unrecorded)
            {
                try
                {
                    await MarkSentAsync(unrecorded.Id, unrecorded.Reply);
                    accepted = null;
                }
                catch (Exception ex)
                {
                    session.Unrecorded = unrecorded.Id;
                    MailLog.AcceptedNotRecorded(logger, unrecorded.Id, ex.Message);
                }

                throw;
            }
        }
    }

    /// <summary>What one session did, read once every session has ended, and its database connection.</summary>
    private sealed class SessionState(NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        /// <summary>The batch loads, "Sent"s, claim renewals and failed attempts of this session, one at a time.</summary>
        public SessionConnection Db { get; } = new(dataSource);

        public DispatchReport Report { get; } = new();

        public bool Connected { get; set; }

        public long StatusTicks { get; set; }

        /// <summary>An e-mail the server accepted whose "Sent" could not be recorded: not given back with the rest.</summary>
        public long? Unrecorded { get; set; }

        public ValueTask DisposeAsync() => Db.DisposeAsync();
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
    /// The connection of a session's batch loads and status updates, kept for the session with its statements prepared.
    /// A pooled connection per statement cost a reset of the session on the server (Npgsql prepends DISCARD ALL when a pooled
    /// connection is used again) and a fresh parse and plan for every e-mail. A connection that broke is replaced at its
    /// next use.
    /// </summary>
    internal sealed class SessionConnection(NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        /// <summary>What an e-mail is sent from, as <see cref="ReadMessage"/> reads it.</summary>
        internal const string MessageColumns = "id, business_key, message_id, template, \"to\", cc, subject, html_body, text_body";

        private const int MarkAndRenew = 0, MarkFailed = 1, LoadMessages = 2, LoadAttachments = 3;
        private readonly NpgsqlCommand?[] prepared = new NpgsqlCommand?[4];
        private NpgsqlConnection? connection;

        /// <summary>
        /// The claimed e-mails with their attachments, in id order: two statements, one row per e-mail and one per
        /// attachment (a join would repeat each e-mail's bodies once per attachment).
        /// </summary>
        public async Task<List<OutboxMessage>> LoadAsync(List<long> ids, CancellationToken cancellationToken)
        {
            var messages = new List<OutboxMessage>(ids.Count);
            long[] claimed = [.. ids];
            var command = await PreparedAsync(
                LoadMessages,
                $"SELECT {MessageColumns} FROM bifsof.outbox_messages WHERE id = ANY($1) ORDER BY id",
                static () => [new NpgsqlParameter<long[]>()],
                cancellationToken);
            ((NpgsqlParameter<long[]>)command.Parameters[0]).TypedValue = claimed;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    messages.Add(ReadMessage(reader));
                }
            }

            command = await PreparedAsync(
                LoadAttachments,
                """
                SELECT id, outbox_message_id, file_name, content_type, content, content_id
                FROM bifsof.outbox_attachments WHERE outbox_message_id = ANY($1) ORDER BY outbox_message_id, id
                """,
                static () => [new NpgsqlParameter<long[]>()],
                cancellationToken);
            ((NpgsqlParameter<long[]>)command.Parameters[0]).TypedValue = claimed;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var next = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var messageId = reader.GetInt64(1);
                    while (next < messages.Count && messages[next].Id != messageId)
                    {
                        next++;
                    }

                    if (next == messages.Count)
                    {
                        // Cannot be (both statements follow the ids' order, an attachment goes with its e-mail); sending
                        // the batch without it would be worse than giving the claims back.
                        throw new InvalidOperationException($"Outbox attachment {reader.GetInt64(0)} belongs to none of the claimed e-mails read.");
                    }

                    messages[next].Attachments.Add(new OutboxAttachment
                    {
                        Id = reader.GetInt64(0),
                        OutboxMessageId = messageId,
                        FileName = reader.GetString(2),
                        ContentType = reader.GetString(3),
                        Content = reader.GetFieldValue<byte[]>(4),
                        ContentId = reader.IsDBNull(5) ? null : reader.GetString(5),
                    });
                }
            }

            return messages;
        }

        /// <summary>
        /// In one statement (one commit): records the e-mail the server accepted as sent, when there is one, and extends
        /// this dispatcher's claim on the next one, when there is one. The "Sent" is recorded while the e-mail is still
        /// pending, even when its claim ran out during the send (another dispatcher that took it over then finds it sent
        /// at its own renewal and skips it); the result says whether the claim was still ours and whether the "Sent" was
        /// recorded.
        /// </summary>
        public async Task<StatusResult> MarkSentAndRenewAsync((long Id, string Reply)? accepted, long? next, Guid token, TimeSpan lease, CancellationToken cancellationToken)
        {
            var command = await PreparedAsync(
                MarkAndRenew,
                """
                WITH claimed AS (
                    SELECT id FROM bifsof.outbox_messages WHERE id = $1 AND lock_token = $4),
                sent AS (
                    UPDATE bifsof.outbox_messages
                    SET status = 'Sent', sent_at = now(), server_reply = $2, attempts = attempts + 1,
                        last_error = NULL, locked_until = NULL, lock_token = NULL
                    WHERE id = $1 AND status = 'Pending'
                    RETURNING id),
                renewed AS (
                    UPDATE bifsof.outbox_messages
                    SET locked_until = now() + $5
                    WHERE id = $3 AND lock_token = $4 AND status = 'Pending'
                    RETURNING id)
                SELECT (SELECT count(*) FROM renewed)::int, (SELECT count(*) FROM claimed)::int, (SELECT count(*) FROM sent)::int
                """,
                static () =>
                [
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval },
                ],
                cancellationToken);
            command.Parameters[0].Value = accepted is { } sent ? sent.Id : DBNull.Value;
            command.Parameters[1].Value = accepted is { } withReply ? Truncate(withReply.Reply) : DBNull.Value;
            command.Parameters[2].Value = next is { } id ? id : DBNull.Value;
            command.Parameters[3].Value = token;
            command.Parameters[4].Value = lease;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new StatusResult(
                NextIsOurs: next is null || reader.GetInt32(0) == 1,
                SentOnOurClaim: accepted is null || reader.GetInt32(1) == 1,
                SentRecorded: accepted is null || reader.GetInt32(2) == 1);
        }

        /// <summary>The columns of <see cref="MessageColumns"/>, in that order.</summary>
        internal static OutboxMessage ReadMessage(NpgsqlDataReader reader) => new()
        {
            Id = reader.GetInt64(0),
            BusinessKey = reader.GetString(1),
            MessageId = reader.GetString(2),
            Template = reader.GetString(3),
            To = reader.GetFieldValue<string[]>(4),
            Cc = reader.GetFieldValue<string[]>(5),
            Subject = reader.GetString(6),
            HtmlBody = reader.GetString(7),
            TextBody = reader.GetString(8),
        };

        /// <summary>Counts a failed attempt; returns true when the message is now dead.</summary>
        public async Task<bool> MarkFailedAsync(long id, Guid token, string error, int maxAttempts, CancellationToken cancellationToken)
        {
            var command = await PreparedAsync(
                MarkFailed,
                """
                UPDATE bifsof.outbox_messages
                SET attempts = attempts + 1,
                    last_error = $1,
                    status = CASE WHEN attempts + 1 >= $2 THEN 'Dead' ELSE 'Pending' END,
                    next_attempt_at = now() + least(interval '1 minute' * power(2, attempts), interval '6 hours'),
                    locked_until = NULL, lock_token = NULL
                WHERE id = $3 AND lock_token = $4
                RETURNING status = 'Dead'
                """,
                static () => [new NpgsqlParameter<string>(), new NpgsqlParameter<int>(), new NpgsqlParameter<long>(), new NpgsqlParameter<Guid>()],
                cancellationToken);
            ((NpgsqlParameter<string>)command.Parameters[0]).TypedValue = Truncate(error);
            ((NpgsqlParameter<int>)command.Parameters[1]).TypedValue = maxAttempts;
            ((NpgsqlParameter<long>)command.Parameters[2]).TypedValue = id;
            ((NpgsqlParameter<Guid>)command.Parameters[3]).TypedValue = token;
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in prepared)
            {
                command?.Dispose();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }

        /// <summary>The statement, prepared on this session's open connection; a connection found closed is replaced.</summary>
        private async ValueTask<NpgsqlCommand> PreparedAsync(int which, string sql, Func<NpgsqlParameter[]> parameters, CancellationToken cancellationToken)
        {
            if (connection is not { State: System.Data.ConnectionState.Open })
            {
                await DisposeAsync();
                Array.Clear(prepared);
                connection = await dataSource.OpenConnectionAsync(cancellationToken);
            }

            if (prepared[which] is { } ready)
            {
                return ready;
            }

            var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters());
            await command.PrepareAsync(cancellationToken);
            prepared[which] = command;
            return command;
        }
    }

    /// <summary>What a status statement found: the next e-mail's claim, and the accepted e-mail's claim and record.</summary>
    internal readonly record struct StatusResult(bool NextIsOurs, bool SentOnOurClaim, bool SentRecorded);

    // Why e-mails were given back unsent, as "Udsendelser" shows it (the last error), before the exception's own text
    // (docs/mail.md lists them).
    private const string Unreachable = "SMTP-serveren svarede ikke: ";
    private const string LoginRefused = "SMTP-serveren afviste login: ";
    private const string TlsFailed = "TLS-forbindelsen til SMTP-serveren mislykkedes: ";
    private const string ConnectFailed = "Forbindelsen til SMTP-serveren mislykkedes: ";
    private const string NoCredentials = "SMTP-serveren kræver et login, der ikke er sat op: ";
    private const string NotLoaded = "E-mailen kunne ikke læses fra databasen: ";
    private const string Interrupted = "Udsendelsen blev afbrudt: ";
    private const string Broken = "Forbindelsen til SMTP-serveren blev afbrudt under afsendelsen: ";

    private static string WhyUnavailable(Exception ex) => ex is SslHandshakeException ? TlsFailed : Unreachable;

    /// <summary>
    /// Gives back what this dispatcher still holds, untouched, for the next run — except an e-mail the server accepted
    /// whose "Sent" could not be recorded (<paramref name="keep"/>): given back, it would be sent again by the next run;
    /// kept, its claim runs out first.
    /// </summary>
    private async Task ReleaseAsync(Guid token, string error, CancellationToken cancellationToken, long? keep = null)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET locked_until = NULL, lock_token = NULL, last_error = @error
            WHERE lock_token = @token AND id IS DISTINCT FROM @keep
            """);
        command.Parameters.AddWithValue("error", Truncate(error));
        command.Parameters.AddWithValue("token", token);
        command.Parameters.Add(new NpgsqlParameter<long?>("keep", keep));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records an accepted e-mail as sent over a pooled connection, when the session's own has failed.</summary>
    private async Task MarkSentAsync(long id, string reply)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET status = 'Sent', sent_at = now(), server_reply = @reply, attempts = attempts + 1,
                last_error = NULL, locked_until = NULL, lock_token = NULL
            WHERE id = @id AND status = 'Pending'
            """);
        command.Parameters.AddWithValue("reply", Truncate(reply));
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
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
            var linked = attachment.ContentId is not null;
            var collection = linked ? body.LinkedResources : body.Attachments;
            var contentType = ContentType.Parse(attachment.ContentType);
            MimeEntity part;
            if (Base64AttachmentPart.Handles(contentType, attachment.Content))
            {
                part = Base64AttachmentPart.Create(attachment.FileName, attachment.Content, contentType, linked);
                collection.Add(part);
            }
            else
            {
                part = collection.Add(attachment.FileName, attachment.Content, contentType);
            }

            if (linked)
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
