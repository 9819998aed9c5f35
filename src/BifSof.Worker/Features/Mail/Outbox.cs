using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// Queues e-mails. Call it inside the transaction that records the fact the e-mail reports: both commit or
/// neither does. Queuing is idempotent by business key.
/// </summary>
public sealed class Outbox(BifSofDbContext db, MailTemplates templates, IOptions<SmtpOptions> smtp)
{
    /// <summary>
    /// The business keys of the sent e-mails whose keys begin with <paramref name="prefix"/>: a feature counts its own
    /// e-mails by the keys it made, and reads them itself. With <paramref name="sentBefore"/>: only those the SMTP
    /// server had accepted before that moment (their <c>sent_at</c>), whatever day they were scheduled for.
    /// </summary>
    public Task<List<string>> SentKeysAsync(string prefix, CancellationToken cancellationToken, DateTimeOffset? sentBefore = null) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.BusinessKey.StartsWith(prefix) && m.Status == OutboxStatus.Sent)
            .Where(m => sentBefore == null || m.SentAt < sentBefore)
            .Select(m => m.BusinessKey)
            .ToListAsync(cancellationToken);

    /// <summary>Renders and queues the e-mail; returns false when its business key was queued before.</summary>
    public async Task<bool> EnqueueAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(email.BusinessKey);
        if (email.To.Count == 0)
        {
            throw new ArgumentException($"E-mail '{email.BusinessKey}' has no recipient.", nameof(email));
        }

        var rendered = templates.Render(email.Template, email.Model);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            long? id;
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO bifsof.outbox_messages
                    (business_key, message_id, template, "to", cc, subject, html_body, text_body, status, attempts)
                VALUES (@key, @messageId, @template, @to, @cc, @subject, @html, @text, 'Pending', 0)
                ON CONFLICT (business_key) DO NOTHING
                RETURNING id
                """,
                connection,
                transaction))
            {
                insert.Parameters.AddWithValue("key", email.BusinessKey);
                insert.Parameters.AddWithValue("messageId", MessageIdFor(email.BusinessKey, SenderDomain()));
                insert.Parameters.AddWithValue("template", email.Template);
                insert.Parameters.AddWithValue("to", email.To.ToArray());
                insert.Parameters.AddWithValue("cc", (email.Cc ?? []).ToArray());
                insert.Parameters.AddWithValue("subject", rendered.Subject);
                insert.Parameters.AddWithValue("html", rendered.Html);
                insert.Parameters.AddWithValue("text", rendered.Text);
                id = (long?)await insert.ExecuteScalarAsync(cancellationToken);
            }

            if (id is null)
            {
                return false;
            }

            foreach (var attachment in email.Attachments ?? [])
            {
                await using var add = new NpgsqlCommand(
                    """
                    INSERT INTO bifsof.outbox_attachments (outbox_message_id, file_name, content_type, content, content_id)
                    VALUES (@id, @name, @type, @content, @contentId)
                    """,
                    connection,
                    transaction);
                add.Parameters.AddWithValue("id", id.Value);
                add.Parameters.AddWithValue("name", attachment.FileName);
                add.Parameters.AddWithValue("type", attachment.ContentType);
                add.Parameters.AddWithValue("content", NpgsqlDbType.Bytea, attachment.Content);
                add.Parameters.AddWithValue("contentId", NpgsqlDbType.Text, (object?)attachment.ContentId ?? DBNull.Value);
                await add.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The same business key always gives the same Message-ID, so a receiver can drop a redelivery that a
    /// crash between "accepted by the server" and "marked sent" could cause.
    /// </summary>
    internal static string MessageIdFor(string businessKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(businessKey)));
        return $"{hash[..32]}@{domain}";
    }

    private string SenderDomain()
    {
        var address = MailboxAddress.Parse(smtp.Value.From!).Address;
        return address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
    }
}
