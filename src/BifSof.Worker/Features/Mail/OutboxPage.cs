using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// "Udsendelser": the outbox on the dashboard. Everyone signed in sees pending, sent and dead e-mails; admins may
/// queue a message again or send a test e-mail to the sender address.
/// </summary>
internal sealed class OutboxPage(BifSofDbContext db) : IDashboardPage
{
    public const string Path = "/udsendelser";
    private const int PageSize = 200;

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        // Without a choice: what waits, or, when nothing waits, what was sent (an empty first tab tells nothing).
        var status = Enum.TryParse<OutboxStatus>(request.Query("status"), ignoreCase: true, out var chosen) ? chosen
            : counts.GetValueOrDefault(OutboxStatus.Pending) > 0 || counts.GetValueOrDefault(OutboxStatus.Sent) == 0 ? OutboxStatus.Pending
            : OutboxStatus.Sent;
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == status)
            .OrderByDescending(m => m.Id)
            .Take(PageSize)
            .Select(m => new { m.Id, m.CreatedAt, m.Template, m.To, m.Subject, m.Attempts, m.NextAttemptAt, m.LastError, m.SentAt, m.ServerReply, Attachments = m.Attachments.Count })
            .ToListAsync(cancellationToken);
        return new
        {
            Tabs = new[] { (OutboxStatus.Pending, "Venter"), (OutboxStatus.Sent, "Sendt"), (OutboxStatus.Dead, "Opgivet") }
                .Select(t => new { Label = t.Item2, Count = counts.GetValueOrDefault(t.Item1), Active = t.Item1 == status, Url = $"{request.Url(Path)}?status={t.Item1.ToString().ToLowerInvariant()}" })
                .ToList(),
            TestMail = request.Url(Path + "/testmail"),
            Sent = status == OutboxStatus.Sent,
            Retryable = status != OutboxStatus.Sent && !request.IsReadOnly,
            Rows = rows.Select(r => new
            {
                r.Id,
                Created = DanishFormat.DateTime(r.CreatedAt),
                Kind = EmailKinds.Name(r.Template),
                To = string.Join(", ", r.To),
                r.Subject,
                r.Attachments,
                r.Attempts,
                SentAt = r.SentAt is { } sent ? DanishFormat.DateTime(sent) : string.Empty,
                r.ServerReply,
                Next = status == OutboxStatus.Pending ? DanishFormat.DateTime(r.NextAttemptAt) : "–",
                r.LastError,
                Retry = request.Url($"{Path}/retry/{r.Id}"),
            }).ToList(),
            Truncated = counts.GetValueOrDefault(status) > PageSize,
            PageSize,
        };
    }

    /// <summary>Queues a pending or dead message for an immediate new attempt, with its attempts reset.</summary>
    public static async Task<bool> RetryAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var id = long.Parse(request.Route("id"), System.Globalization.CultureInfo.InvariantCulture);
        var services = request.Services;
        var changed = await services.GetRequiredService<BifSofDbContext>().Database.ExecuteSqlAsync(
            $"""
            UPDATE bifsof.outbox_messages
            SET status = 'Pending', attempts = 0, next_attempt_at = now(), last_error = NULL
            WHERE id = {id} AND status IN ('Pending', 'Dead') AND lock_token IS NULL
            """,
            cancellationToken);
        if (changed == 1)
        {
            var user = request.UserName;
            var logger = services.GetRequiredService<ILogger<OutboxPage>>();
            MailLog.Requeued(logger, id, user);
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        }

        return changed == 1;
    }

    /// <summary>A test e-mail to the sender address, through the outbox like every other e-mail.</summary>
    public static async Task<bool> SendTestMailAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var services = request.Services;
        var from = services.GetRequiredService<IOptions<SmtpOptions>>().Value.From!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var email = new OutgoingEmail(
            $"testmail:{request.UserName}:{now.ToUnixTimeMilliseconds()}",
            "testmail",
            new { RequestedBy = request.UserName, RequestedAt = now },
            [MimeKit.MailboxAddress.Parse(from).Address]);
        await services.GetRequiredService<Outbox>().EnqueueAsync(email, cancellationToken);
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        return true;
    }
}
