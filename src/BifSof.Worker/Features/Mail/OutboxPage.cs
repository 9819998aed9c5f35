using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Hosting.Dashboard;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// "Udsendelser": the outbox on the dashboard. Everyone signed in sees pending, sent and dead e-mails; admins may
/// queue a message again or send a test e-mail to the sender address.
/// </summary>
internal sealed class OutboxPage : RazorPage
{
    public const string Path = "/udsendelser";
    private const int PageSize = 200;

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new OutboxPage());
        DashboardRoutes.Routes.AddCommand(Path + "/retry/(?<id>\\d+)", Retry);
        DashboardRoutes.Routes.AddCommand(Path + "/testmail", SendTestMail);
        DashboardPages.AddMenuItem("Udsendelser", Path);
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Udsendelser");
        var db = Context.Services().GetRequiredService<BifSofDbContext>();
        var counts = db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);
        var status = Enum.TryParse<OutboxStatus>(Context.Request.GetQuery("status"), ignoreCase: true, out var chosen) ? chosen : OutboxStatus.Pending;
        var rows = db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == status)
            .OrderByDescending(m => m.Id)
            .Take(PageSize)
            .Select(m => new { m.Id, m.CreatedAt, m.Template, m.To, m.Subject, m.Attempts, m.NextAttemptAt, m.LastError, m.SentAt, m.ServerReply, Attachments = m.Attachments.Count })
            .ToList();

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Udsendelser</h1>");
        html.Append("<p>E-mails fra udbakken. En e-mail skrives i udbakken sammen med den hændelse, der udløser den, og sendes herfra med nye forsøg, indtil SMTP-serveren har modtaget den.</p>");
        html.Append("<ul class=\"nav nav-tabs\">");
        foreach (var (tab, label) in new[] { (OutboxStatus.Pending, "Venter"), (OutboxStatus.Sent, "Sendt"), (OutboxStatus.Dead, "Opgivet") })
        {
            var active = tab == status ? " class=\"active\"" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<li{active}><a href=\"{Url.To(Path)}?status={tab.ToString().ToLowerInvariant()}\">{label} <span class=\"badge\">{counts.GetValueOrDefault(tab)}</span></a></li>");
        }

        html.Append("</ul>");
        if (!Context.IsReadOnly)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin-top:1em\"><button class=\"btn btn-default btn-sm\" data-ajax=\"{Url.To(Path + "/testmail")}\" data-loading-text=\"Sender…\">Send prøve-e-mail til afsenderadressen</button></p>");
        }

        if (rows.Count == 0)
        {
            html.Append("<div class=\"alert alert-info\" style=\"margin-top:1em\">Ingen e-mails med denne status.</div>");
        }
        else
        {
            html.Append("<div class=\"table-responsive\"><table class=\"table table-striped\" style=\"margin-top:1em\"><thead><tr>");
            html.Append("<th>#</th><th>Oprettet</th><th>Skabelon</th><th>Modtagere</th><th>Emne</th><th>Forsøg</th>");
            html.Append(status == OutboxStatus.Sent ? "<th>Sendt</th><th>Serverens svar</th>" : "<th>Næste forsøg</th><th>Sidste fejl</th>");
            html.Append(Context.IsReadOnly || status == OutboxStatus.Sent ? string.Empty : "<th></th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in rows)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{row.Id}</td><td>{H(DanishFormat.DateTime(row.CreatedAt))}</td><td>{H(row.Template)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{H(string.Join(", ", row.To))}</td><td>{H(row.Subject)}{(row.Attachments > 0 ? $" <span class=\"label label-default\">{row.Attachments} bilag</span>" : string.Empty)}</td><td>{row.Attempts}</td>");
                if (status == OutboxStatus.Sent)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{H(row.SentAt is { } sent ? DanishFormat.DateTime(sent) : string.Empty)}</td><td><code>{H(row.ServerReply)}</code></td>");
                }
                else
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{H(status == OutboxStatus.Pending ? DanishFormat.DateTime(row.NextAttemptAt) : "–")}</td><td>{H(row.LastError)}</td>");
                    if (!Context.IsReadOnly)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<td><button class=\"btn btn-default btn-xs\" data-ajax=\"{Url.To($"{Path}/retry/{row.Id}")}\" data-loading-text=\"…\">Send igen nu</button></td>");
                    }
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table></div>");
            if (counts.GetValueOrDefault(status) > PageSize)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>Viser de {PageSize} nyeste.</p>");
            }
        }

        html.Append("</div></div>");
        WriteLiteral(html.ToString());
    }

    /// <summary>Queues a pending or dead message for an immediate new attempt, with its attempts reset.</summary>
    private static bool Retry(DashboardContext context)
    {
        var id = long.Parse(context.UriMatch.Groups["id"].Value, CultureInfo.InvariantCulture);
        var services = context.Services();
        var db = services.GetRequiredService<BifSofDbContext>();
        var changed = db.Database.ExecuteSql(
            $"""
            UPDATE bifsof.outbox_messages
            SET status = 'Pending', attempts = 0, next_attempt_at = now(), last_error = NULL
            WHERE id = {id} AND status IN ('Pending', 'Dead') AND lock_token IS NULL
            """);
        if (changed == 1)
        {
            var logger = services.GetRequiredService<ILogger<OutboxPage>>();
            var user = context.UserName();
            MailLog.Requeued(logger, id, user);
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        }

        return changed == 1;
    }

    private static bool SendTestMail(DashboardContext context)
    {
        var services = context.Services();
        var from = services.GetRequiredService<IOptions<SmtpOptions>>().Value.From!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = context.UserName();
        var email = new OutgoingEmail(
            $"testmail:{user}:{now.ToUnixTimeMilliseconds()}",
            "testmail",
            new { RequestedBy = user, RequestedAt = now },
            [MimeKit.MailboxAddress.Parse(from).Address]);
        services.GetRequiredService<Outbox>().EnqueueAsync(email, context.GetHttpContext().RequestAborted).GetAwaiter().GetResult();
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        return true;
    }

    private static string H(string? text) => Common.Html.Encode(text);
}
