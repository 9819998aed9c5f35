using System.Globalization;
using System.Text;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The activation rate of every computed month as an SVG line chart, with the target decided first and the target in
/// force as step lines, so the original and the revised targets stay visible side by side. Server-rendered: no script.
/// </summary>
public static class TrendChart
{
    private const int Width = 960;
    private const int Height = 320;
    private const int Left = 48;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;
    private const decimal Max = 0.7m;

    public static string Render(IReadOnlyList<MonthlyKpis> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Aktiveringsgrad pr. måned mod målet\" style=\"width:100%;max-width:{Width}px;font:12px sans-serif\">");
        for (var tick = 0m; tick <= Max; tick += 0.1m)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#e5e8e8\"/><text x=\"{Left - 6}\" y=\"{y + 4}\" text-anchor=\"end\" fill=\"#5d6d7e\">{DanishFormat.Percent(tick).Replace(",0", string.Empty, StringComparison.Ordinal)}</text>");
        }

        if (months.Count > 0)
        {
            for (var i = 0; i < months.Count; i++)
            {
                if (months[i].Month.EndsWith("-01", StringComparison.Ordinal) || i == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i, months.Count)}\" y=\"{Height - Bottom + 18}\" fill=\"#5d6d7e\">{months[i].Month[..4]}</text>");
                }

                if (months[i].NovemberMeasurement)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(i, months.Count)}\" x2=\"{X(i, months.Count)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#d4e6f1\" stroke-width=\"6\"><title>Novembermåling {months[i].Month}</title></line>");
                }
            }

            svg.Append(Step(months, m => m.Activation.TargetOriginal, "#7f8c8d", "6 4", "Mål, oprindeligt besluttet"));
            svg.Append(Step(months, m => m.Activation.Target, "#c0392b", null, "Mål i kraft (seneste beslutning)"));
            svg.Append(Line(months, m => m.Activation.FteRate, "#85c1e9", "2 3", "Fuldtidsækvivalent (kun registrerede timer)"));
            svg.Append(Line(months, m => m.Activation.Rate, "#1a5276", null, "Aktiveringsgrad (hoveder)"));
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(0)}\" y2=\"{Y(0)}\" stroke=\"#5d6d7e\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Line(IReadOnlyList<MonthlyKpis> months, Func<MonthlyKpis, decimal?> value, string colour, string? dash, string title)
    {
        var points = string.Join(' ', months.Select((m, i) => (m, i)).Where(p => value(p.m) is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.i, months.Count)},{Y(value(p.m)!.Value)}")));
        return points.Length == 0
            ? string.Empty
            : $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(dash is null ? 3 : 2)}\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")} points=\"{points}\"><title>{Html.Encode(title)}</title></polyline>";
    }

    /// <summary>A yearly target drawn as a flat segment across its year's months.</summary>
    private static string Step(IReadOnlyList<MonthlyKpis> months, Func<MonthlyKpis, decimal?> value, string colour, string? dash, string title)
    {
        var path = new StringBuilder();
        for (var i = 0; i < months.Count; i++)
        {
            if (value(months[i]) is not { } v)
            {
                continue;
            }

            var joined = i > 0 && value(months[i - 1]) == v;
            path.Append(CultureInfo.InvariantCulture, $"{(joined ? "L" : "M")}{X(i, months.Count) - (joined ? 0 : HalfStep(months.Count))},{Y(v)} L{X(i, months.Count) + HalfStep(months.Count)},{Y(v)} ");
        }

        return path.Length == 0
            ? string.Empty
            : $"<path fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")} d=\"{path.ToString().TrimEnd()}\"><title>{Html.Encode(title)}</title></path>";
    }

    private static int X(int index, int count) =>
        Left + HalfStep(count) + (int)((Width - Left - Right - (2 * HalfStep(count))) * (count == 1 ? 0.5 : (double)index / (count - 1)));

    private static int HalfStep(int count) => Math.Max(1, (Width - Left - Right) / Math.Max(count, 1) / 2);

    private static int Y(decimal rate) => Top + (int)((Height - Top - Bottom) * (1 - (double)(Math.Min(rate, Max) / Max)));
}
