using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Features.Mail;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Turns a month's data into its digests: one per SOF centre with shared citizens that month, to the centre leader's
/// catalogue address or else every team address of the centre in the month's extract, and one to SOF management with
/// every centre side by side. Each carries the trend chart as an inline PNG and its workbook.
/// </summary>
public static class DigestComposer
{
    public const string CentreTemplate = "digest-centre";
    public const string ManagementTemplate = "digest-management";
    public const string ChartContentId = "aktiveringsgrad@bifsof";
    public const string ChartFileName = "aktiveringsgrad.png";

    private static readonly (string Kind, string Label)[] OverdueKinds =
    [
        ("offer", "Tilbud om handleplan"),
        ("production", "Udarbejdelse af handleplan"),
        ("followUp", "Opfølgning på handleplan"),
    ];

    public static List<DigestEmail> Compose(DigestMonthData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var month = data.Kpis.Month;
        var monthName = DanishFormat.Month(data.Month.Year, data.Month.Month);
        var municipality = Municipality(data.Kpis);
        var trend = data.Trend.Select(k => new TrendView(MonthName(k.Month), Against(k.Activation.Rate, k.Activation.Target), Percent(k.Activation.Target))).ToList();
        var chart = new EmailAttachment(ChartFileName, "image/png", TrendChart.Png(data.Trend), ChartContentId);
        var chartAlt = $"Aktiveringsgraden måned for måned, {trend[0].MonthName} – {monthName}: {municipality.Rate} i {monthName} mod målet {municipality.Target}.";
        var centres = data.Centres.Select(c => Centre(c, data.Overdue)).ToList();
        var overdueAvailable = data.Overdue is not null;
        var cases = data.Cases.ToLookup(r => r.Centre, StringComparer.Ordinal);

        var emails = new List<DigestEmail>();
        foreach (var (figures, view) in data.Centres.Zip(centres).Where(c => c.First.SharedCitizens > 0))
        {
            var to = data.CentreLeaders.TryGetValue(figures.Centre, out var leader)
                ? [leader]
                : data.TeamAddresses.GetValueOrDefault(figures.Centre) ?? [];
            if (to.Count == 0)
            {
                continue;
            }

            var workbook = $"faellesborgere-{month}.xlsx";
            var model = new DigestModel(month, monthName, data.AsOf, view, [], municipality, trend, "cid:" + ChartContentId, chartAlt, workbook, overdueAvailable);
            var attachments = new[] { chart, new EmailAttachment(workbook, DigestWorkbook.ContentType, DigestWorkbook.Centre([.. cases[figures.Centre]])) };
            emails.Add(new DigestEmail(data.Month, DigestRecord.CentrePrefix + figures.Centre, CentreTemplate, model, to, attachments, [.. CentreFigures(view, data.Kpis.SocialPlans.Year), .. MunicipalFigures(municipality)]));
        }

        if (data.Management is { } management)
        {
            var workbook = $"faellesborgere-{month}-alle-centre.xlsx";
            var model = new DigestModel(month, monthName, data.AsOf, null, centres, municipality, trend, "cid:" + ChartContentId, chartAlt, workbook, overdueAvailable);
            var attachments = new[] { chart, new EmailAttachment(workbook, DigestWorkbook.ContentType, DigestWorkbook.Management(centres, data.Cases)) };
            var figures = MunicipalFigures(municipality).Concat(centres.SelectMany(c => CentreFigures(c, data.Kpis.SocialPlans.Year).Select(f => f with { Label = $"{c.Name}: {f.Label}" })));
            emails.Add(new DigestEmail(data.Month, DigestRecord.Management, ManagementTemplate, model, [management], attachments, [.. figures]));
        }

        return emails;
    }

    private static CentreView Centre(CentreFigures c, IReadOnlyList<OverduePlanCount>? overdue)
    {
        List<OverdueView>? byKind = null;
        var total = "ikke tilgængelig";
        if (overdue is not null)
        {
            var counts = overdue.Where(o => string.Equals(o.Centre, c.Centre, StringComparison.Ordinal)).ToList();
            byKind = OverdueKinds.Select(k => new OverdueView(k.Label, DanishFormat.Number(counts.Where(o => o.Kind == k.Kind).Sum(o => o.Count)))).ToList();
            total = DanishFormat.Number(counts.Sum(o => o.Count));
        }

        return new CentreView(c.Centre, DanishFormat.Number(c.SharedCitizens), Count(c.Entries), Count(c.Exits), DanishFormat.Number(c.PlansOffered), DanishFormat.Number(c.PlansProduced), byKind, total);
    }

    private static MunicipalView Municipality(MonthlyKpis k)
    {
        var a = k.Activation;
        var p = k.SocialPlans;
        var onTrack = a.Rate is { } rate && a.Target is { } target ? (rate >= target ? "følger målet" : "under målet") : string.Empty;
        return new MunicipalView(
            p.Year,
            DanishFormat.Number(k.SharedCitizens),
            Count(k.Entries),
            Count(k.Exits),
            Against(a.Rate, a.Target),
            DanishFormat.Number(a.Population),
            DanishFormat.Number(a.Activated),
            Percent(a.Target),
            Percent(a.TargetOriginal),
            a.Target != a.TargetOriginal,
            onTrack,
            DanishFormat.Number(p.OfferedYtd),
            p.Target is { } t ? DanishFormat.Number(t) : "–",
            DanishFormat.Number(p.ProducedYtd),
            DanishFormat.Number(p.ProcessNotesYtd),
            Percent(p.ProcessNoteShare));
    }

    // The figures a correction compares. Overdue plans are left out: they are counted as of each day, not of the month.
    private static IEnumerable<DigestFigure> CentreFigures(CentreView c, int year) =>
    [
        new("Centrets fællesborgere", c.Shared),
        new("Centrets tilgang", c.Entries),
        new("Centrets afgang", c.Exits),
        new(string.Create(CultureInfo.InvariantCulture, $"Centrets handleplaner tilbudt i {year}"), c.Offered),
        new(string.Create(CultureInfo.InvariantCulture, $"Centrets handleplaner udarbejdet i {year}"), c.Produced),
    ];

    private static IEnumerable<DigestFigure> MunicipalFigures(MunicipalView m) =>
    [
        new("Kommunens fællesborgere", m.Shared),
        new("Kommunens tilgang", m.Entries),
        new("Kommunens afgang", m.Exits),
        new("Aktiveringsgrad", m.Rate),
        new("Ledige fællesborgere i aktiveringspopulationen", m.Population),
        new("Aktiverede", m.Activated),
        new("Mål for aktiveringsgraden", m.Target),
        new("Mål for aktiveringsgraden, oprindeligt besluttet", m.TargetOriginal),
        new(string.Create(CultureInfo.InvariantCulture, $"Handleplaner tilbudt i {m.Year}"), m.Offered),
        new(string.Create(CultureInfo.InvariantCulture, $"Handleplaner udarbejdet i {m.Year}"), m.Produced),
        new("Andel procesnotater", m.ProcessNoteShare),
    ];

    private static string MonthName(string month) =>
        DanishFormat.Month(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture));

    private static string Percent(decimal? rate) => rate is { } r ? DanishFormat.Percent(r) : "–";

    /// <summary>A rate beside its target with as many decimals as it takes to tell them apart, as Nøgletal shows it.</summary>
    private static string Against(decimal? rate, decimal? target) =>
        rate is { } r && target is { } t ? DanishFormat.PercentAgainst(r, t) : Percent(rate);

    private static string Count(int? count) => count is { } c ? DanishFormat.Number(c) : "ukendt";
}
