using System.Text;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Kpis;

/// <summary>A month's KPIs as Danish text, for <c>kpi YYYY-MM</c> without <c>--json</c>.</summary>
public static class KpiText
{
    public static string Describe(MonthlyKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var a = kpis.Activation;
        var p = kpis.SocialPlans;
        var text = new StringBuilder();
        var month = DateOnly.ParseExact(kpis.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        text.AppendLine($"Nøgletal for {DanishFormat.Month(month.Year, month.Month)}{(kpis.NovemberMeasurement ? " (strategiens novembermåling)" : string.Empty)}");
        text.AppendLine($"  Fællesborgere:     {DanishFormat.Number(kpis.SharedCitizens)} (tilgang {Count(kpis.Entries)}, afgang {Count(kpis.Exits)})");
        text.AppendLine($"  Aktiveringsgrad:   {Percent(a.Rate)} ({DanishFormat.Number(a.Activated)} af {DanishFormat.Number(a.Population)} ledige i {MatchGroupText.Describe(kpis.Month, a.CountedGroups)}); mål {Percent(a.Target)}, oprindeligt {Percent(a.TargetOriginal)}");
        var width = a.ByTargetGroup.Keys.Select(g => g.Length).DefaultIfEmpty(0).Max();
        foreach (var (group, figures) in a.ByTargetGroup)
        {
            text.AppendLine($"    {group.PadRight(width)}  {Percent(figures.Rate)} ({DanishFormat.Number(figures.Activated)} af {DanishFormat.Number(figures.Population)})");
        }

        text.AppendLine($"  Fuldtidspersoner: {Percent(a.FteRate)} (kun registrerede timer; {DanishFormat.Number(a.ActivatedWithHours)} af {DanishFormat.Number(a.Activated)} aktiverede har timer)");
        text.AppendLine($"  Sociale handleplaner {p.Year}: tilbudt {DanishFormat.Number(p.OfferedYtd)} af mål {(p.Target is { } t ? DanishFormat.Number(t) : "–")}, udarbejdet {DanishFormat.Number(p.ProducedYtd)}, heraf {DanishFormat.Number(p.ProcessNotesYtd)} procesnotater ({Percent(p.ProcessNoteShare)})");
        text.Append($"  Både jobplan og social handleplan: {DanishFormat.Number(p.BothPlans)}");
        return text.ToString();
    }

    private static string Percent(decimal? rate) => rate is { } r ? DanishFormat.Percent(r) : "–";

    private static string Count(int? count) => count is { } c ? DanishFormat.Number(c) : "ukendt";
}
