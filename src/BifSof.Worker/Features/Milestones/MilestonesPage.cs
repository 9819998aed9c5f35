using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting.Dashboard;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// "Milepæle": every initiative's milestones with status, due date, the last answer and the reminders sent;
/// overdue ones first, most overdue at the top.
/// </summary>
internal sealed class MilestonesPage : RazorPage
{
    public const string Path = "/milepaele";

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new MilestonesPage());
        DashboardPages.AddMenuItem("Milepæle", Path);
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Milepæle");
        var services = Context.Services();
        var db = services.GetRequiredService<BifSofDbContext>();
        // "?pr=2010-03-03" shows the plan as it stood that day, for replays of the strategy period.
        var today = DateOnly.TryParseExact(Context.Request.GetQuery("pr"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf)
            ? asOf
            : Copenhagen.Today(services.GetRequiredService<TimeProvider>());
        var milestones = db.Views().ToList();
        var lastAnswers = db.MilestoneAnswers.AsNoTracking()
            .GroupBy(a => a.MilestoneId)
            .Select(g => g.OrderByDescending(a => a.AnsweredAt).First())
            .ToList()
            .ToDictionary(a => a.MilestoneId, StringComparer.Ordinal);
        var sent = db.OutboxMessages.AsNoTracking()
            .Where(m => m.BusinessKey.StartsWith("milestone-reminder:") && m.Status == OutboxStatus.Sent)
            .Select(m => m.BusinessKey)
            .ToList()
            .GroupBy(key => key.Split(':')[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var ordered = milestones
            .OrderByDescending(m => m.IsOpen && m.DueDate < today)
            .ThenBy(m => m.IsOpen && m.DueDate < today ? m.DueDate.DayNumber : 0)
            .ToList();
        var overdueCount = milestones.Count(m => m.IsOpen && m.DueDate < today);

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Milepæle</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Handleplanens initiativer og milepæle pr. {H(DanishFormat.Date(today))}: {milestones.Count} milepæle, heraf <strong>{overdueCount} over frist</strong>. De ansvarlige får påmindelser 14 og 3 dage før fristen, på dagen og hver 7. dag derefter; efter 14 dage over frist går sagen videre til Specialenheden.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" class=\"form-inline\" style=\"margin-bottom:1em\"><label for=\"pr\">Vis pr. dato</label> <input class=\"form-control input-sm\" type=\"date\" id=\"pr\" name=\"pr\" value=\"{today:yyyy-MM-dd}\"> <button class=\"btn btn-default btn-sm\" type=\"submit\">Vis</button></form>");
        html.Append("<div class=\"table-responsive\"><table class=\"table table-striped table-condensed\"><thead><tr>");
        html.Append("<th>Initiativ</th><th>Milepæl</th><th>Ansvarlig</th><th>Frist</th><th>Status</th><th>Over frist</th><th>Seneste svar</th><th>Påmindelser sendt</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var m in ordered)
        {
            var overdue = m.IsOpen && m.DueDate < today;
            html.Append(CultureInfo.InvariantCulture, $"<tr{(overdue ? " class=\"danger\"" : string.Empty)}>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{H(m.InitiativeNumber)} {H(m.InitiativeTitle)}</td><td>{H(m.Title)}</td><td>{H(m.OwnerName)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{H(DanishFormat.Date(m.DueDate))}</td><td>{H(m.StatusLabel)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(overdue ? $"{m.DaysOverdue(today)} dage" : string.Empty)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(lastAnswers.TryGetValue(m.Id, out var answer) ? $"{H(AnswerEndpoints.Describe(answer))}<br><small>{H(answer.OwnerKey)}, {H(DanishFormat.DateTime(answer.AnsweredAt))}</small>" : string.Empty)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{sent.GetValueOrDefault(m.Id)}</td></tr>");
        }

        html.Append("</tbody></table></div></div></div>");
        WriteLiteral(html.ToString());
    }

    private static string H(string? text) => Common.Html.Encode(text);
}
