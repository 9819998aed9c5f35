using System.Globalization;
using BifSof.Worker.Common;
using ScottPlot;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The activation rate month by month against the target decided first and the target in force, so the original and
/// the revised targets stay visible side by side; the full-time-equivalent rate beside it and the November
/// measurements marked. One definition (<see cref="Create"/>) serves the page "Nøgletal" (SVG) and the monthly digest
/// (PNG), so the two never tell different stories.
/// </summary>
public static class TrendChart
{
    public const string RateLabel = "Aktiveringsgrad (opgjort i personer)";
    public const string TargetLabel = "Gældende mål (seneste beslutning)";
    public const string TargetOriginalLabel = "Mål, oprindeligt besluttet";
    public const string FteLabel = "Fuldtidspersoner (kun registrerede timer)";
    public const string NovemberLabel = "Novembermåling";

    /// <summary>
    /// How to read the page's chart (<see cref="Svg"/>), by colour and width: the SVG has no dashed or dotted lines
    /// (see <see cref="Svg"/>), so the text must not speak of them. Kept beside the colours it names.
    /// </summary>
    public const string SvgKey =
        "Den tykke mørkeblå linje er aktiveringsgraden, den tynde lyseblå er fuldtidspersonerne; det røde trin er det gældende mål, " +
        "det grå det oprindeligt besluttede. De lodrette felter er strategiens novembermålinger. Den lilla vandrette linje er " +
        "udgangspunktet før strategien, og de orange ruder er de tal, forvaltningerne selv har rapporteret (se tabellen nederst).";

    /// <summary>The colours <see cref="SvgKey"/> names, by the word it uses.</summary>
    public static IReadOnlyDictionary<string, string> SvgKeyColours { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mørkeblå"] = "#1a5276",
        ["lyseblå"] = "#85c1e9",
        ["røde"] = "#c0392b",
        ["grå"] = "#7f8c8d",
        ["lilla"] = "#6c3483",
        ["orange"] = "#d35400",
    };

    private static readonly Color BaselineColour = Color.FromHex("#6c3483");
    private static readonly Color ReportedColour = Color.FromHex("#d35400");

    /// <summary>The font the scripts install (Debian's fonts-dejavu-core); ScottPlot falls back to its default without it.</summary>
    private const string FontName = "DejaVu Sans";

    private static readonly Color RateColour = Color.FromHex("#1a5276");
    private static readonly Color TargetColour = Color.FromHex("#c0392b");
    private static readonly Color TargetOriginalColour = Color.FromHex("#7f8c8d");
    private static readonly Color FteColour = Color.FromHex("#85c1e9");
    private static readonly Color NovemberColour = Color.FromHex("#d4e6f1");

    /// <summary>The chart as an SVG document for a page, with its texts as text (searchable, readable by screen readers).</summary>
    public static string Svg(IReadOnlyList<MonthlyKpis> months, int width = 960, int height = 340, IReadOnlyList<ChartReference>? references = null)
    {
        var plot = Create(months, references);
        // Skia's SVG output has no dashes (it drops them with a warning on stdout): the lines are told apart by colour there.
        foreach (var line in plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>())
        {
            line.LinePattern = LinePattern.Solid;
        }

        var svg = plot.GetSvgXml(width, height);
        // The XML declaration is for files; inside a page the element stands alone.
        return svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
    }

    /// <summary>The chart as a PNG picture, e.g. inline in an e-mail.</summary>
    public static byte[] Png(IReadOnlyList<MonthlyKpis> months, int width = 640, int height = 320, IReadOnlyList<ChartReference>? references = null) =>
        Create(months, references).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The one chart definition: months in order, one x position each.</summary>
    public static Plot Create(IReadOnlyList<MonthlyKpis> months, IReadOnlyList<ChartReference>? references = null)
    {
        ArgumentNullException.ThrowIfNull(months);
        var plot = new Plot();
        plot.Font.Set(FontName);

        // Drawn first, so the lines stay on top of the November bands.
        var november = true;
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i].NovemberMeasurement)
            {
                var band = plot.Add.HorizontalSpan(i - 0.3, i + 0.3, NovemberColour);
                band.LegendText = november ? NovemberLabel : string.Empty;
                november = false;
            }
        }

        Steps(plot, months, m => m.Activation.TargetOriginal, TargetOriginalColour, LinePattern.Dashed, TargetOriginalLabel);
        Steps(plot, months, m => m.Activation.Target, TargetColour, LinePattern.Solid, TargetLabel);
        Line(plot, months, m => m.Activation.FteRate, FteColour, 2, LinePattern.Dotted, FteLabel);
        Line(plot, months, m => m.Activation.Rate, RateColour, 3, LinePattern.Solid, RateLabel);
        References(plot, months, references ?? []);

        var top = Math.Max(0.7, (double)months.SelectMany(m => new[] { m.Activation.Rate, m.Activation.Target, m.Activation.TargetOriginal, m.Activation.FteRate })
            .Concat((references ?? []).Select(r => (decimal?)r.Value))
            .Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max() + 0.05);
        var percent = new ScottPlot.TickGenerators.NumericManual();
        for (var tick = 0; tick <= (int)(top * 10); tick++)
        {
            percent.AddMajor(tick / 10.0, string.Create(CultureInfo.InvariantCulture, $"{tick * 10} %"));
        }

        plot.Axes.Left.TickGenerator = percent;
        plot.Axes.Bottom.TickGenerator = MonthTicks(months);
        plot.Axes.SetLimits(-0.6, Math.Max(months.Count, 1) - 0.4, 0, top);
        if (months.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
        }

        return plot;
    }

    /// <summary>
    /// Figures from the sources beside the measured line: a baseline from before the strategy as a flat line across
    /// the chart, a reported figure as a point on its month (left out when that month has no figures).
    /// </summary>
    private static void References(Plot plot, IReadOnlyList<MonthlyKpis> months, IReadOnlyList<ChartReference> references)
    {
        if (months.Count == 0)
        {
            return;
        }

        foreach (var reference in references)
        {
            if (reference.Month is null)
            {
                var line = plot.Add.ScatterLine(new[] { -0.5, months.Count - 0.5 }, new[] { (double)reference.Value, (double)reference.Value }, BaselineColour);
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dotted;
                line.LegendText = reference.Label;
                continue;
            }

            var index = months.Select((m, i) => (m.Month, i)).Where(p => p.Month == reference.Month).Select(p => (int?)p.i).FirstOrDefault();
            if (index is { } x)
            {
                var point = plot.Add.ScatterPoints(new[] { (double)x }, new[] { (double)reference.Value }, ReportedColour);
                point.MarkerSize = 10;
                point.MarkerShape = MarkerShape.FilledDiamond;
                point.LegendText = reference.Label;
            }
        }
    }

    /// <summary>Every month named when they fit (a year's trend), else each January by its year (the whole history).</summary>
    private static ScottPlot.TickGenerators.NumericManual MonthTicks(IReadOnlyList<MonthlyKpis> months)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < months.Count; i++)
        {
            var year = int.Parse(months[i].Month[..4], CultureInfo.InvariantCulture);
            var month = int.Parse(months[i].Month[5..], CultureInfo.InvariantCulture);
            var newYear = month == 1 || i == 0;
            if (months.Count <= 15)
            {
                var name = DanishFormat.Month(year, month)[..3];
                ticks.AddMajor(i, newYear ? string.Create(CultureInfo.InvariantCulture, $"{name}\n{year}") : name);
            }
            else if (newYear)
            {
                ticks.AddMajor(i, year.ToString(CultureInfo.InvariantCulture));
            }
        }

        return ticks;
    }

    private static void Line(Plot plot, IReadOnlyList<MonthlyKpis> months, Func<MonthlyKpis, decimal?> value, Color colour, float width, LinePattern pattern, string label)
    {
        var points = months.Select((m, i) => (X: (double)i, Y: value(m))).Where(p => p.Y is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => (double)p.Y!.Value).ToArray(), colour);
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.MarkerSize = points.Count == 1 ? 8 : 0;
        line.LegendText = label;
    }

    /// <summary>A yearly target drawn as a flat segment across its months; a month without one breaks the line.</summary>
    private static void Steps(Plot plot, IReadOnlyList<MonthlyKpis> months, Func<MonthlyKpis, decimal?> value, Color colour, LinePattern pattern, string label)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var labelled = false;
        for (var i = 0; i <= months.Count; i++)
        {
            if (i < months.Count && value(months[i]) is { } v)
            {
                xs.AddRange([i - 0.5, i + 0.5]);
                ys.AddRange([(double)v, (double)v]);
                continue;
            }

            if (xs.Count > 0)
            {
                var step = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), colour);
                step.LineWidth = 2;
                step.LinePattern = pattern;
                step.LegendText = labelled ? string.Empty : label;
                labelled = true;
                xs.Clear();
                ys.Clear();
            }
        }
    }
}

/// <summary>
/// A figure from the sources drawn on the chart: <paramref name="Month"/> null draws a flat line (a baseline from
/// before the strategy), a month (<c>2009-12</c>) a point on it (a reported figure).
/// </summary>
public sealed record ChartReference(string Label, decimal Value, string? Month);
