using System.Globalization;
using System.Text;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The KPI table as CSV for Danish Excel: UTF-8 with BOM, <c>;</c> between fields, decimal comma, one month a row.
/// </summary>
public static class KpiExport
{
    private static readonly string[] Header =
    [
        "måned", "fællesborgere", "tilgang", "afgang", "aktiveringspopulation", "aktiverede", "aktiveringsgrad", "mål", "mål oprindeligt",
        "fuldtidspersoner (kun registrerede timer)", "handleplaner tilbudt år til dato", "handleplaner udarbejdet år til dato",
        "procesnotater år til dato", "andel procesnotater", "mål tilbudte handleplaner", "både jobplan og social handleplan", "novembermåling",
    ];

    public static string ToCsv(IEnumerable<MonthlyKpis> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var csv = new StringBuilder("\uFEFF");
        csv.AppendJoin(';', Header).Append("\r\n");
        foreach (var m in months)
        {
            csv.AppendJoin(
                ';',
                m.Month,
                Count(m.SharedCitizens),
                Count(m.Entries),
                Count(m.Exits),
                Count(m.Activation.Population),
                Count(m.Activation.Activated),
                Fraction(m.Activation.Rate),
                Fraction(m.Activation.Target),
                Fraction(m.Activation.TargetOriginal),
                Fraction(m.Activation.FteRate),
                Count(m.SocialPlans.OfferedYtd),
                Count(m.SocialPlans.ProducedYtd),
                Count(m.SocialPlans.ProcessNotesYtd),
                Fraction(m.SocialPlans.ProcessNoteShare),
                m.SocialPlans.Target is { } t ? Count((int)t) : string.Empty,
                Count(m.SocialPlans.BothPlans),
                m.NovemberMeasurement ? "ja" : "nej").Append("\r\n");
        }

        return csv.ToString();
    }

    // Plain numbers without thousands separators, so Excel reads them as numbers.
    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Fraction(decimal? value) =>
        value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture).Replace('.', ',') : string.Empty;
}
