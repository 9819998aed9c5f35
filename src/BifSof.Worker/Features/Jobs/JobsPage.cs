using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Hosting;
using BifSof.Worker.Hosting.Dashboard;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Jobs;

/// <summary>
/// "Planlagte job": every recurring job with its Danish name, schedule, last and next run and whether it is paused;
/// admins pause and resume here. A paused job's runs are cancelled before they do any work, whoever starts them.
/// </summary>
internal sealed class JobsPage : RazorPage
{
    public const string Path = "/planlagte-job";

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new JobsPage());
        DashboardRoutes.Routes.AddCommand(Path + "/pause/(?<id>[a-z-]+)", context => Change(context, pause: true));
        DashboardRoutes.Routes.AddCommand(Path + "/genoptag/(?<id>[a-z-]+)", context => Change(context, pause: false));
        DashboardPages.AddMenuItem("Planlagte job", Path);
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Planlagte job");
        var pauses = Context.Services().GetRequiredService<JobPauses>().AllAsync(Context.GetHttpContext().RequestAborted).GetAwaiter().GetResult();
        using var connection = Context.Storage.GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
        var html = new StringBuilder("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Planlagte job</h1>");
        html.Append("<p>Arbejderens faste job. Et job på pause springes over, både når det er planlagt, og når det startes i hånden, indtil det genoptages. Pausen gemmes i databasen og gælder for alle arbejdere.</p>");
        html.Append("<table class=\"table table-striped\"><thead><tr><th>Id</th><th>Job</th><th>Tidsplan (København)</th><th>Sidst kørt</th><th>Næste kørsel</th><th>Status</th>");
        html.Append(Context.IsReadOnly ? "</tr>" : "<th></th></tr>");
        html.Append("</thead><tbody>");
        foreach (var job in WorkerJobs.All)
        {
            recurring.TryGetValue(job.Id, out var state);
            var paused = pauses.TryGetValue(job.Id, out var pause);
            html.Append(CultureInfo.InvariantCulture, $"<tr{(paused ? " class=\"warning\"" : string.Empty)}><td><code>{H(job.Id)}</code></td><td>{H(job.DisplayName)}</td><td><code>{H(job.Cron)}</code></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(state?.LastExecution is { } last ? H(DanishFormat.DateTime(new DateTimeOffset(last, TimeSpan.Zero))) : "–")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(paused ? "<em>på pause</em>" : state?.NextExecution is { } next ? H(DanishFormat.DateTime(new DateTimeOffset(next, TimeSpan.Zero))) : "–")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"job-status\">{(paused ? $"På pause siden {H(DanishFormat.DateTime(pause!.PausedAt))} ({H(pause.PausedBy)})" : "Aktiv")}</td>");
            if (!Context.IsReadOnly)
            {
                var (action, label) = paused ? ("genoptag", "Genoptag") : ("pause", "Sæt på pause");
                html.Append(CultureInfo.InvariantCulture, $"<td><button class=\"btn btn-default btn-sm\" data-ajax=\"{Url.To($"{Path}/{action}/{job.Id}")}\" data-loading-text=\"…\">{label}</button></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></div>");
        WriteLiteral(html.ToString());
    }

    private static bool Change(DashboardContext context, bool pause)
    {
        var id = context.UriMatch.Groups["id"].Value;
        if (WorkerJobs.Find(id) is null)
        {
            return false;
        }

        var services = context.Services();
        var pauses = services.GetRequiredService<JobPauses>();
        var user = context.UserName();
        var token = context.GetHttpContext().RequestAborted;
        (pause ? pauses.PauseAsync(id, user, token) : pauses.ResumeAsync(id, token)).GetAwaiter().GetResult();
        var logger = services.GetRequiredService<ILogger<JobsPage>>();
        JobLog.Changed(logger, id, pause ? "paused" : "resumed", user);
        return true;
    }

    private static string H(string? text) => Common.Html.Encode(text);
}
