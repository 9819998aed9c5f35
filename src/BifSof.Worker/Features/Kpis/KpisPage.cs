using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// "Nøgletal": where the strategy stands. The chosen month (the latest by default) against its targets with an
/// on-track mark, the social plans' progress with the pace still needed, the activation rate by target group, the
/// trend of every month against the original and the revised targets, the table, and its export for Excel. Beside
/// the measured figures: the catalogue's baselines (before the strategy, Tabel 2) and the figures the administrations
/// reported ("rapporteret" next to "målt"), each with its source.
/// </summary>
internal sealed class KpisPage(KpiService kpis, BifSofDbContext db, TimeProvider clock) : IDashboardPage
{
    public const string Path = "/noegletal";

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var all = await kpis.AllAsync(cancellationToken);
        var baselines = await db.Set<Baseline>().AsNoTracking().Where(b => b.InCatalogue).OrderBy(b => b.SortOrder).ToListAsync(cancellationToken);
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
            Chosen = chosen is null ? null : Headline(chosen, baselines),
            Chart = new RawHtml(TrendChart.Svg(all, references: ChartReferences(baselines))),
            ChartKey = TrendChart.SvgKey,
            Baselines = baselines.Select(b => new
            {
                What = BaselineName(b),
                b.Period,
                Value = BaselineValue(b),
                Kind = b.Kind == "reported" ? "Rapporteret" : "Udgangspunkt",
                Source = $"{b.SourceDocument}, {b.SourceSection}",
                Quote = b.SourceQuote,
            }).ToList(),
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

    private static object Headline(MonthlyKpis m, IReadOnlyList<Baseline> baselines)
    {
        // Figures the administrations reported for the period that ends with this month, beside what was measured.
        var reported = baselines.Where(b => b.Kind == "reported" && b.Scope == "sof" && b.TargetGroup is null && MonthOf(b.ToDate) == m.Month)
            .ToDictionary(b => b.Kpi, StringComparer.Ordinal);
        // A monthly average the administrations reported, shown on every month of the period it covers: a month's count
        // is compared with a month's figure, never with the year's total.
        var monthly = baselines.FirstOrDefault(b => b.Kind == "reported" && b.Kpi == "shared_citizens_monthly" && b.Scope == "sof" && b.TargetGroup is null
            && string.CompareOrdinal(MonthOf(b.FromDate), m.Month) <= 0 && string.CompareOrdinal(m.Month, MonthOf(b.ToDate)) <= 0);
        var tabel2 = baselines.Where(b => b.Kind == "baseline" && b.Kpi == "activation_rate" && b.Scope == "sof" && b.TargetGroup is not null)
            .GroupBy(b => b.TargetGroup!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.ToDate).Last(), StringComparer.Ordinal);
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
                    $"{DanishFormat.Number(a.Activated)} af {DanishFormat.Number(a.Population)} ledige fællesborgere i {MatchGroupText.Describe(m.Month, a.CountedGroups)}. Mål {Percent(a.Target)}{(a.TargetOriginal != a.Target ? $" (oprindeligt {Percent(a.TargetOriginal)})" : string.Empty)}. Fuldtidspersoner: {Percent(a.FteRate)} (kun registrerede timer).",
                    reported.TryGetValue("activation_rate", out var rate2009) ? $"{SourcePercent(rate2009.Value)} {rate2009.Period} – kilde: {rate2009.SourceDocument}" : null),
                Card(
                    $"Sociale handleplaner tilbudt {p.Year}",
                    DanishFormat.Number(p.OfferedYtd),
                    expected is { } e ? p.OfferedYtd >= e : null,
                    $"Mål {(p.Target is { } t ? DanishFormat.Number(t) : "–")} i {p.Year}; efter {month} måneder svarer det til {(expected is { } x ? DanishFormat.Number(Math.Round(x)) : "–")}.{pace} Udarbejdet {DanishFormat.Number(p.ProducedYtd)}, heraf {DanishFormat.Number(p.ProcessNotesYtd)} procesnotater ({Percent(p.ProcessNoteShare)}).",
                    reported.TryGetValue("social_plans_produced", out var plans2009)
                        ? $"{DanishFormat.Number(plans2009.Value)} udarbejdet i {plans2009.Period}{(reported.TryGetValue("process_notes", out var notes2009) ? $", heraf {DanishFormat.Number(notes2009.Value)} procesnotater" : string.Empty)} – kilde: {plans2009.SourceDocument}"
                        : null),
                Card(
                    "Fællesborgere",
                    DanishFormat.Number(m.SharedCitizens),
                    null,
                    $"Tilgang {Count(m.Entries)}, afgang {Count(m.Exits)} siden måneden før. {DanishFormat.Number(p.BothPlans)} har både jobplan og udarbejdet social handleplan.",
                    SharedCitizensReported(monthly, reported.GetValueOrDefault("shared_citizens"))),
            },
            Groups = a.ByTargetGroup.Select(g => new
            {
                Name = TargetGroups.Name(g.Key),
                Population = DanishFormat.Number(g.Value.Population),
                Activated = DanishFormat.Number(g.Value.Activated),
                Rate = Percent(g.Value.Rate),
                Baseline = tabel2.TryGetValue(g.Key, out var before) ? SourcePercent(before.Value) : "–",
            }).ToList(),
            GroupsBaselinePeriod = tabel2.Values.Select(b => b.Period).FirstOrDefault() ?? "før strategien",
        };
    }

    /// <summary>
    /// The card's reported line: the monthly average beside the month's count, and the year's total (a count of everyone
    /// shared at some time in the year) only as the year's, never as the month's comparison.
    /// </summary>
    private static string? SharedCitizensReported(Baseline? monthly, Baseline? year)
    {
        var parts = new List<string>();
        if (monthly is not null)
        {
            parts.Add($"{monthly.Period} {BaselineValue(monthly)} – kilde: {monthly.SourceDocument}");
        }

        if (year is not null)
        {
            parts.Add($"{DanishFormat.Number(year.Value)} {year.Period}, årets tal, ikke en måneds – kilde: {year.SourceDocument}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static object Card(string title, string figure, bool? onTrack, string detail, string? reported = null)
    {
        var (mark, css) = onTrack switch
        {
            true => ("✔ følger målet", "success"),
            false => ("✘ under målet", "danger"),
            _ => (string.Empty, "default"),
        };
        return new { Title = title, Figure = figure, Mark = mark, Css = css, Detail = detail, Reported = reported };
    }

    /// <summary>
    /// On the chart: SOF's activation rate before the strategy as a line, and the rates reported for a month as points.
    /// </summary>
    private static List<ChartReference> ChartReferences(IEnumerable<Baseline> baselines) =>
        baselines
            .Where(b => b.Kpi == "activation_rate" && b.Scope == "sof" && b.TargetGroup is null)
            .GroupBy(b => b.Kind, StringComparer.Ordinal)
            .SelectMany(g => g.Key == "reported"
                ? g.Select(b => new ChartReference($"Rapporteret: {SourcePercent(b.Value)} {b.Period}", b.Value, MonthOf(b.ToDate)))
                : g.OrderBy(b => b.ToDate).TakeLast(1).Select(b => new ChartReference($"Udgangspunkt: {SourcePercent(b.Value)} ({b.Period})", b.Value, null)))
            .ToList();

    private static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string BaselineName(Baseline b)
    {
        var what = b.Kpi switch
        {
            "activation_rate" => "Aktiveringsgrad",
            "social_plans_produced" => "Sociale handleplaner udarbejdet",
            "process_notes" => "Procesnotater",
            "shared_citizens" => "Fællesborgere",
            "shared_citizens_monthly" => "Fællesborgere pr. måned",
            _ => b.Kpi,
        };
        var who = b.Scope == "bif" ? "alle i BIFs matchgruppe 4 og 5" : b.TargetGroup is { } group ? TargetGroups.Name(group) : "SOFs målgrupper samlet";
        return b.Kpi == "activation_rate" ? $"{what}, {who}" : what;
    }

    private static string BaselineValue(Baseline b) => b.Kpi == "activation_rate"
        ? SourcePercent(b.Value)
        : (IsApproximate(b) ? "knap " : string.Empty) + DanishFormat.Number(b.Value);

    /// <summary>The source gives the figure as "knap N" (just under N): the page says so beside the number, not in the period.</summary>
    private static bool IsApproximate(Baseline b) =>
        b.SourceQuote.Contains("knap " + b.Value.ToString("0.##", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A rate as the sources write it: "19 %", "37,4 %".</summary>
    private static string SourcePercent(decimal fraction) => DanishFormat.Percent(fraction, decimal.Round(fraction * 100) == fraction * 100 ? 0 : 1);

    private static string MonthName(string month) =>
        DanishFormat.Month(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture));

    private static string Percent(decimal? rate) => rate is { } r ? DanishFormat.Percent(r) : "–";

    private static string Count(int? count) => count is { } c ? DanishFormat.Number(c) : "ukendt";
}
