using System.Globalization;
using System.Text;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Hosting.Dashboard;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// "Indlæsninger": per month whether both extracts are in and when the matching ran, and every file imported or
/// refused with its status, rows and errors (CPR values masked).
/// </summary>
internal sealed class ImportsPage : RazorPage
{
    public const string Path = "/indlaesninger";
    private const int FileLimit = 200;

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new ImportsPage());
        DashboardPages.AddMenuItem("Indlæsninger", Path);
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Indlæsninger");
        var db = Context.Services().GetRequiredService<BifSofDbContext>();
        var files = db.ExtractFiles.AsNoTracking().OrderByDescending(f => f.Id).Take(FileLimit).ToList();
        var active = db.ExtractFiles.AsNoTracking()
            .Where(f => db.ExtractMonths.Any(m => m.BifFileId == f.Id || m.SofFileId == f.Id))
            .ToDictionary(f => f.Id);
        var months = db.ExtractMonths.AsNoTracking().OrderByDescending(m => m.Month).ToList();
        var stale = db.Set<Kpis.KpiStaleMonth>().AsNoTracking().Select(m => m.Month).ToHashSet();

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Indlæsninger</h1>");
        html.Append("<p>Månedens udtræk fra BIF og SOF. En måned samkøres, når begge udtræk er indlæst; en rettelse erstatter hele måneden for sin kilde. En afvist fil ændrer intet.</p>");
        html.Append("<h3>Måneder</h3>");
        if (months.Count == 0)
        {
            html.Append("<div class=\"alert alert-info\">Ingen udtræk er indlæst endnu.</div>");
        }
        else
        {
            html.Append("<div class=\"table-responsive\"><table class=\"table table-striped table-condensed\"><thead><tr><th>Måned</th><th>BIF</th><th>SOF</th><th>Samkørt</th><th>Fællesborgere</th><th>Nøgletal</th></tr></thead><tbody>");
            foreach (var month in months)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{H(DanishFormat.Month(month.Month.Year, month.Month.Month))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{FileCell(month.BifFileId, active)}</td><td>{FileCell(month.SofFileId, active)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(month.MatchedAt is { } at ? H(DanishFormat.DateTime(at)) : "<span class=\"text-muted\">venter på begge udtræk</span>")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(month.SharedCitizens is { } shared ? H(DanishFormat.Number(shared)) : string.Empty)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(stale.Contains(month.Month) ? "skal beregnes" : "beregnet")}</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<h3>Filer</h3>");
        html.Append("<div class=\"table-responsive\"><table class=\"table table-condensed\"><thead><tr><th>Tidspunkt</th><th>Fil</th><th>Kilde</th><th>Måned</th><th>Status</th><th>Rækker</th><th>Tegnsæt</th><th>Fejl</th></tr></thead><tbody>");
        foreach (var file in files)
        {
            var (label, css) = file.Status switch
            {
                ImportReport.Imported => ("indlæst", "success"),
                ImportReport.Unchanged => ("uændret", string.Empty),
                _ => ("afvist", "danger"),
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{css}\"><td>{H(DanishFormat.DateTime(file.ImportedAt))}</td><td>{H(file.FileName)}</td><td>{H(file.Source?.ToUpperInvariant())}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(file.Month is { } m ? H(DanishFormat.Month(m.Year, m.Month)) : string.Empty)}</td><td>{label}</td><td>{H(DanishFormat.Number(file.Rows))}</td><td>{H(file.Encoding)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Errors(file)}</td></tr>");
        }

        html.Append("</tbody></table></div></div></div>");
        WriteLiteral(html.ToString());
    }

    private static string FileCell(long? id, Dictionary<long, ExtractFile> active) =>
        id is { } fileId && active.TryGetValue(fileId, out var file)
            ? $"{H(file.FileName)}<br><small>{H(DanishFormat.Number(file.Rows))} rækker, {H(DanishFormat.DateTime(file.ImportedAt))}</small>"
            : "<span class=\"text-muted\">mangler</span>";

    private static string Errors(ExtractFile file)
    {
        if (file.ErrorCount == 0 || file.Errors is null)
        {
            return string.Empty;
        }

        var errors = JsonSerializer.Deserialize<List<ImportError>>(file.Errors) ?? [];
        var list = new StringBuilder();
        list.Append(CultureInfo.InvariantCulture, $"<details><summary>{file.ErrorCount} fejl</summary><ul>");
        foreach (var error in errors.Take(20))
        {
            list.Append(CultureInfo.InvariantCulture, $"<li>linje {error.Line}{(error.Column is null ? string.Empty : ", " + H(error.Column))}{(error.Value is null ? string.Empty : $" ({H(error.Value)})")}: {H(error.Message)}</li>");
        }

        return list.Append(errors.Count > 20 || file.ErrorCount > errors.Count ? "<li>…</li></ul></details>" : "</ul></details>").ToString();
    }

    private static string H(string? text) => Common.Html.Encode(text);
}
