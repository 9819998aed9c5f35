using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// "Nøgletal": where the strategy stands. The chosen month (the latest by default) against its targets with an
/// on-track mark, the social plans' progress with the pace still needed, the activation rate by target group, the
/// trend of every month against the original and the revised targets, the table, and its export for Excel.
/// </summary>
internal sealed class KpisPage(KpiService kpis, TimeProvider clock) : IDashboardPage
{
    public const string Path = "/noegletal";

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var all = await kpis.AllAsync(cancellationToken);
        // By default the latest month that is over (with a demo date set, "today" is in the strategy's period and later
        // months already have figures).
        var today = Copenhagen.Today(clock);
        var thisMonth = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{today:yyyy-MM}");
        var chosen = all.FirstOrDefault(m => m.Month == request.Query("maaned"))
            ?? all.LastOrDefault(m => string.CompareOrdinal(m.Month, thisMonth) < 0)
            ?? (all.Count > 0 ? all[^1] : null);
        return new
        {
            Export = request.Url(Path + "/eksport.csv"),
            Months = Enumerable.Reverse(all).Select(m => new { Value = m.Month, Name = MonthName(m.Month), Selected = m == chosen }).ToList(),
            Chosen = chosen is null ? null : Headline(chosen),
            Chart = new RawHtml(TrendChart.Svg(all)),
            Rows = Enumerable.Reverse(all).Select(m => new
            {
                Name = MonthName(m.Month),
                Shared = DanishFormat.Number(m.SharedCitizens),
                Entries = Count(m.Entries),
                Exits = Count(m.Exits),
                Rate = Percent(m.Activation.Rate),
                Target = Percent(m.Activation.Target),
                TargetOriginal = Percent(m.Activation.TargetOriginal),
                Offered = DanishFormat.Number(m.SocialPlans.OfferedYtd),
                Produced = DanishFormat.Number(m.SocialPlans.ProducedYtd),
                ProcessNotes = Percent(m.SocialPlans.ProcessNoteShare),
            }).ToList(),
        };
    }

    private static object Headline(MonthlyKpis m)
    {
        var a = m.Activation;
        var p = m.SocialPlans;
        var month = int.Parse(m.Month[5..], CultureInfo.InvariantCulture);
        var expected = p.Target is { } plans ? plans * month / 12 : (decimal?)null;
        var remaining = 12 - month;
        var pace = p.Target is { } goal && remaining > 0 && p.OfferedYtd < goal
            ? $" For at nå målet skal {DanishFormat.Number(Math.Ceiling((goal - p.OfferedYtd) / remaining))} tilbydes om måneden resten af året."
            : p.Target is { } reached && p.OfferedYtd >= reached ? " Årets mål er nået." : string.Empty;
        return new
        {
            Name = MonthName(m.Month),
            m.NovemberMeasurement,
            Cards = new[]
            {
                Card(
                    "Aktiveringsgrad",
                    a.Rate is { } shown && a.Target is { } against ? DanishFormat.PercentAgainst(shown, against) : Percent(a.Rate),
                    a.Rate is { } rate && a.Target is { } target ? rate >= target : null,
                    $"{DanishFormat.Number(a.Activated)} af {DanishFormat.Number(a.Population)} ledige fællesborgere i {MatchGroupText.Describe(m.Month, a.CountedGroups)}. Mål {Percent(a.Target)}{(a.TargetOriginal != a.Target ? $" (oprindeligt {Percent(a.TargetOriginal)})" : string.Empty)}. Fuldtidspersoner: {Percent(a.FteRate)} (kun registrerede timer)."),
                Card(
                    $"Sociale handleplaner tilbudt {p.Year}",
                    DanishFormat.Number(p.OfferedYtd),
                    expected is { } e ? p.OfferedYtd >= e : null,
                    $"Mål {(p.Target is { } t ? DanishFormat.Number(t) : "–")} i {p.Year}; efter {month} måneder svarer det til {(expected is { } x ? DanishFormat.Number(Math.Round(x)) : "–")}.{pace} Udarbejdet {DanishFormat.Number(p.ProducedYtd)}, heraf {DanishFormat.Number(p.ProcessNotesYtd)} procesnotater ({Percent(p.ProcessNoteShare)})."),
                Card(
                    "Fællesborgere",
                    DanishFormat.Number(m.SharedCitizens),
                    null,
                    $"Tilgang {Count(m.Entries)}, afgang {Count(m.Exits)} siden måneden før. {DanishFormat.Number(p.BothPlans)} har både jobplan og udarbejdet social handleplan."),
            },
            Groups = a.ByTargetGroup.Select(g => new
            {
                Name = TargetGroups.Name(g.Key),
                Population = DanishFormat.Number(g.Value.Population),
                Activated = DanishFormat.Number(g.Value.Activated),
                Rate = Percent(g.Value.Rate),
            }).ToList(),
        };
    }

    private static object Card(string title, string figure, bool? onTrack, string detail)
    {
        var (mark, css) = onTrack switch
        {
            true => ("✔ følger målet", "success"),
            false => ("✘ under målet", "danger"),
            _ => (string.Empty, "default"),
        };
        return new { Title = title, Figure = figure, Mark = mark, Css = css, Detail = detail };
    }

    private static string MonthName(string month) =>
        DanishFormat.Month(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture));

    private static string Percent(decimal? rate) => rate is { } r ? DanishFormat.Percent(r) : "–";

    private static string Count(int? count) => count is { } c ? DanishFormat.Number(c) : "ukendt";
}
