using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Hosting.Dashboard;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// "Nøgletal": where the strategy stands. The chosen month (the latest by default) against its targets with an
/// on-track mark, the social plans' progress with the pace still needed, the activation rate by target group, the
/// trend of every month against the original and the revised targets, the table, and its export for Excel.
/// </summary>
internal sealed class KpisPage : RazorPage
{
    public const string Path = "/noegletal";

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new KpisPage());
        DashboardRoutes.Routes.Add(Path + "/eksport.csv", new KpiExportDispatcher());
        DashboardPages.AddMenuItem("Nøgletal", Path);
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Nøgletal");
        var all = Context.Services().GetRequiredService<KpiService>().AllAsync(Context.GetHttpContext().RequestAborted).GetAwaiter().GetResult();
        var html = new StringBuilder("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Nøgletal</h1>");
        if (all.Count == 0)
        {
            html.Append("<div class=\"alert alert-info\">Ingen måned har nøgletal endnu: de beregnes, når både BIF's og SOF's udtræk for en måned er indlæst (se Indlæsninger).</div></div></div>");
            WriteLiteral(html.ToString());
            return;
        }

        var chosen = all.FirstOrDefault(m => m.Month == Context.Request.GetQuery("maaned")) ?? all[^1];
        html.Append("<form method=\"get\" class=\"form-inline\" style=\"margin-bottom:1em\"><label for=\"maaned\">Måned</label> <select class=\"form-control input-sm\" id=\"maaned\" name=\"maaned\" onchange=\"this.form.submit()\">");
        foreach (var m in Enumerable.Reverse(all))
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{m.Month}\"{(m == chosen ? " selected" : string.Empty)}>{H(MonthName(m.Month))}</option>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</select> <button class=\"btn btn-default btn-sm\" type=\"submit\">Vis</button> <a class=\"btn btn-default btn-sm\" href=\"{Url.To(Path + "/eksport.csv")}\">Hent tabellen (CSV til Excel)</a></form>");
        Headline(html, chosen);
        TargetGroups(html, chosen);
        html.Append("<h3>Aktiveringsgraden måned for måned</h3>");
        html.Append("<p><span style=\"color:#1a5276\">━</span> aktiveringsgrad (strategiens mål: hoveder, uanset aktivitetens længde) · <span style=\"color:#c0392b\">━</span> mål i kraft (seneste beslutning) · <span style=\"color:#7f8c8d\">╌</span> mål oprindeligt besluttet · <span style=\"color:#85c1e9\">┈</span> fuldtidsækvivalent (kun registrerede timer) · lodrette felter: novembermålinger</p>");
        html.Append(TrendChart.Render(all));
        Table(html, all);
        html.Append("</div></div>");
        WriteLiteral(html.ToString());
    }

    private static void Headline(StringBuilder html, MonthlyKpis m)
    {
        var a = m.Activation;
        var p = m.SocialPlans;
        var month = int.Parse(m.Month[5..], CultureInfo.InvariantCulture);
        html.Append(CultureInfo.InvariantCulture, $"<h2>{H(MonthName(m.Month))}{(m.NovemberMeasurement ? " <small>strategiens novembermåling</small>" : string.Empty)}</h2><div class=\"row\">");

        var activationOnTrack = a.Rate is { } rate && a.Target is { } target ? rate >= target : (bool?)null;
        Card(html, "Aktiveringsgrad", Percent(a.Rate), activationOnTrack,
            $"{DanishFormat.Number(a.Activated)} af {DanishFormat.Number(a.Population)} ledige fællesborgere i matchgruppe {string.Join(" og ", a.CountedGroups)}. Mål {Percent(a.Target)}{(a.TargetOriginal != a.Target ? $" (oprindeligt {Percent(a.TargetOriginal)})" : string.Empty)}. Fuldtidsækvivalent: {Percent(a.FteRate)} (kun registrerede timer).");

        var expected = p.Target is { } plans ? plans * month / 12 : (decimal?)null;
        var remaining = 12 - month;
        var pace = p.Target is { } goal && remaining > 0 && p.OfferedYtd < goal
            ? $" For at nå målet skal {DanishFormat.Number(Math.Ceiling((goal - p.OfferedYtd) / remaining))} tilbydes om måneden resten af året."
            : p.Target is { } reached && p.OfferedYtd >= reached ? " Årets mål er nået." : string.Empty;
        Card(html, $"Sociale handleplaner tilbudt {p.Year}", DanishFormat.Number(p.OfferedYtd), expected is { } e ? p.OfferedYtd >= e : null,
            $"Mål {(p.Target is { } t ? DanishFormat.Number(t) : "–")} i {p.Year}; efter {month} måneder svarer det til {(expected is { } x ? DanishFormat.Number(Math.Round(x)) : "–")}.{pace} Udarbejdet {DanishFormat.Number(p.ProducedYtd)}, heraf {DanishFormat.Number(p.ProcessNotesYtd)} procesnotater ({Percent(p.ProcessNoteShare)}).");

        Card(html, "Fællesborgere", DanishFormat.Number(m.SharedCitizens), null,
            $"Tilgang {Count(m.Entries)}, afgang {Count(m.Exits)} siden måneden før. {DanishFormat.Number(p.BothPlans)} har både jobplan og udarbejdet social handleplan.");
        html.Append("</div>");
    }

    private static void Card(StringBuilder html, string title, string figure, bool? onTrack, string detail)
    {
        var (mark, css) = onTrack switch
        {
            true => ("✔ på sporet", "success"),
            false => ("✘ bagud", "danger"),
            _ => (string.Empty, "default"),
        };
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"col-md-4\"><div class=\"panel panel-{css}\"><div class=\"panel-heading\">{H(title)} <span class=\"pull-right kpi-mark\">{mark}</span></div><div class=\"panel-body\"><div style=\"font-size:32px;font-weight:bold\" class=\"kpi-figure\">{H(figure)}</div><p>{H(detail)}</p></div></div></div>");
    }

    private static void TargetGroups(StringBuilder html, MonthlyKpis m)
    {
        html.Append("<h3>Aktiveringsgrad pr. målgruppe</h3><table class=\"table table-condensed\" style=\"max-width:40em\"><thead><tr><th>Målgruppe</th><th>Ledige</th><th>Aktiverede</th><th>Aktiveringsgrad</th></tr></thead><tbody>");
        foreach (var (group, figures) in m.Activation.ByTargetGroup)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{H(GroupName(group))}</td><td>{DanishFormat.Number(figures.Population)}</td><td>{DanishFormat.Number(figures.Activated)}</td><td>{Percent(figures.Rate)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Table(StringBuilder html, List<MonthlyKpis> all)
    {
        html.Append("<h3>Alle måneder</h3><div class=\"table-responsive\"><table class=\"table table-striped table-condensed\"><thead><tr><th>Måned</th><th>Fællesborgere</th><th>Tilgang</th><th>Afgang</th><th>Aktiveringsgrad</th><th>Mål</th><th>Mål oprindeligt</th><th>Handleplaner tilbudt (år)</th><th>Udarbejdet (år)</th><th>Procesnotater</th></tr></thead><tbody>");
        foreach (var m in Enumerable.Reverse(all))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{H(MonthName(m.Month))}</td><td>{DanishFormat.Number(m.SharedCitizens)}</td><td>{Count(m.Entries)}</td><td>{Count(m.Exits)}</td><td>{Percent(m.Activation.Rate)}</td><td>{Percent(m.Activation.Target)}</td><td>{Percent(m.Activation.TargetOriginal)}</td><td>{DanishFormat.Number(m.SocialPlans.OfferedYtd)}</td><td>{DanishFormat.Number(m.SocialPlans.ProducedYtd)}</td><td>{Percent(m.SocialPlans.ProcessNoteShare)}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string MonthName(string month) =>
        DanishFormat.Month(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture));

    private static string GroupName(string group) => group switch
    {
        "handicap" => "Handicappede",
        "misbrug" => "Misbrugere i behandling",
        "psykisk_socialt_udsat" => "Sindslidende og andre socialt udsatte",
        _ => group,
    };

    private static string Percent(decimal? rate) => rate is { } r ? DanishFormat.Percent(r) : "–";

    private static string Count(int? count) => count is { } c ? DanishFormat.Number(c) : "ukendt";

    private static string H(string? text) => Common.Html.Encode(text);
}
