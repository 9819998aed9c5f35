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
/// Delivers the outbox: claims a batch of due messages (SKIP LOCKED, so racing dispatchers never share one),
/// sends them over one SMTP connection and records each outcome. A server that cannot be reached costs no
/// attempt: the claim is released and the message waits for the next run. A message the server refuses is
/// retried with backoff and parked as dead after <see cref="SmtpOptions.MaxAttempts"/> attempts.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    BifSofDbContext db,
    IOptions<SmtpOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var report = new DispatchReport();
        while (true)
        {
            var token = Guid.NewGuid();
            var ids = await ClaimAsync(token, settings.BatchSize, Lease(settings), cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var batch = await db.OutboxMessages.AsNoTracking()
                .Include(m => m.Attachments)
                .Where(m => ids.Contains(m.Id))
                .OrderBy(m => m.Id)
                .ToListAsync(cancellationToken);

            using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
            try
            {
                await ConnectAsync(client, settings, cancellationToken);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                await ReleaseAsync(token, ex.Message, cancellationToken);
                MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
            }

            try
            {
                await SendBatchAsync(client, batch, token, settings, report, cancellationToken);
            }
            catch (ServiceNotAuthenticatedException ex)
            {
                // The server wants credentials we do not have: a configuration fault that every message would hit,
                // so it costs no attempt.
                await ReleaseAsync(token, ex.Message, CancellationToken.None);
                MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                throw new SmtpUnavailableException(
                    $"The SMTP server {settings.Host}:{settings.Port} requires authentication (check Smtp__User and Smtp__Password); the e-mails stay pending.", ex);
            }
            catch (Exception ex) when (ex is not SmtpUnavailableException)
            {
                // Shutting down, or something unforeseen: give back what was not sent, so the next run need not wait
                // for the lease to expire.
                await ReleaseAsync(token, ex.Message, CancellationToken.None);
                throw;
            }

            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
        }

        report.StillPending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        return report;
    }

    private async Task SendBatchAsync(SmtpClient client, List<OutboxMessage> batch, Guid token, SmtpOptions settings, DispatchReport report, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            // A slow relay can make a batch outlast its claim, and another dispatcher may then have taken this e-mail:
            // renew the claim just before sending, and send only what is still ours.
            if (!await RenewAsync(message.Id, token, Lease(settings), cancellationToken))
            {
                report.TakenOver++;
                MailLog.TakenOver(logger, message.Id);
                continue;
            }

            try
            {
                var reply = await client.SendAsync(ToMime(message, settings), cancellationToken);
                await MarkSentAsync(message.Id, token, reply, cancellationToken);
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
                var dead = await MarkFailedAsync(message.Id, token, ex.Message, settings.MaxAttempts, cancellationToken);
                report.Failed++;
                report.Dead += dead ? 1 : 0;
                await ReleaseAsync(token, ex.Message, cancellationToken);
                MailLog.SmtpUnavailable(logger, settings.Host!, settings.Port, ex.Message);
                throw new SmtpUnavailableException(settings.Host!, settings.Port, ex);
            }
        }
    }

    private static TimeSpan Lease(SmtpOptions settings) => TimeSpan.FromSeconds(settings.ClaimSeconds);

    /// <summary>Extends this dispatcher's claim on one pending e-mail; false when the claim is no longer ours.</summary>
    private async Task<bool> RenewAsync(long id, Guid token, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET locked_until = now() + @lease
            WHERE id = @id AND lock_token = @token AND status = 'Pending'
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("token", token);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

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

    private async Task MarkSentAsync(long id, Guid token, string reply, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bifsof.outbox_messages
            SET status = 'Sent', sent_at = now(), server_reply = @reply, attempts = attempts + 1,
                last_error = NULL, locked_until = NULL, lock_token = NULL
            WHERE id = @id AND lock_token = @token
            """);
        command.Parameters.AddWithValue("reply", Truncate(reply));
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("token", token);
        // Not cancellable: the server has the message, and forgetting that would send it twice.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
        _ = cancellationToken;
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
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password!, cancellationToken);
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
