using BifSof.Worker.Features.Kpis;

namespace BifSof.Worker.Tests.Features.Kpis;

public class TrendChartReferencesTests
{
    private static MonthlyKpis Month(string month, decimal rate) => new(
        month,
        2480,
        131,
        null,
        new ActivationKpi(1432, 611, rate, 0.4m, 0.4m, new Dictionary<string, GroupKpi>(), [2, 3], 0.3012m, 500),
        new SocialPlanKpi(2009, 940, 901, 61, 0.0677m, 1000m, 1000m, 1650),
        month.EndsWith("-11", StringComparison.Ordinal),
        DateTimeOffset.UnixEpoch);

    private static readonly MonthlyKpis[] Year2009 = [Month("2009-10", 0.35m), Month("2009-11", 0.36m), Month("2009-12", 0.375m)];

    [Fact]
    public void Svg_DrawsTheBaselineAndTheReportedPoint_InItsLegend()
    {
        var svg = TrendChart.Svg(Year2009, references: [new("Udgangspunkt: 19 % (oktober 2008)", 0.19m, null), new("Rapporteret: 37,4 % ved udgangen af 2009", 0.374m, "2009-12")]);

        Assert.Contains("Udgangspunkt: 19 % (oktober 2008)", svg, StringComparison.Ordinal);
        Assert.Contains("Rapporteret: 37,4 % ved udgangen af 2009", svg, StringComparison.Ordinal);
        Assert.Contains(TrendChart.RateLabel, svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_LeavesOutAReportedPoint_WhoseMonthHasNoFigures()
    {
        var svg = TrendChart.Svg(Year2009, references: [new("Rapporteret: 40 % i juni 2010", 0.4m, "2010-06")]);

        Assert.DoesNotContain("Rapporteret", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void SvgKey_DescribesWhatTheSvgDraws_ByColour_NotByDashesTheSvgDoesNotHave()
    {
        var svg = TrendChart.Svg(Year2009, references: [new("Udgangspunkt: 19 % (oktober 2008)", 0.19m, null), new("Rapporteret: 37,4 % ved udgangen af 2009", 0.374m, "2009-12")]);

        // Skia's SVG has no dashes: every line is solid, so the page's text may not tell them apart by dots or dashes.
        Assert.DoesNotContain("dasharray", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("prik", TrendChart.SvgKey, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stipl", TrendChart.SvgKey, StringComparison.OrdinalIgnoreCase);

        // Each colour the text names is drawn, and each drawn line's colour is named.
        foreach (var (word, hex) in TrendChart.SvgKeyColours)
        {
            Assert.Contains(word, TrendChart.SvgKey, StringComparison.Ordinal);
            Assert.True(Drawn(svg, hex), $"{word} ({hex}) is not in the SVG");
        }

        Assert.Equal(6, TrendChart.SvgKeyColours.Count);
    }

    /// <summary>A colour as Skia's SVG writes it: <c>#RRGGBB</c> or <c>rgb(r,g,b)</c>.</summary>
    private static bool Drawn(string svg, string hex)
    {
        var r = Convert.ToInt32(hex[1..3], 16);
        var g = Convert.ToInt32(hex[3..5], 16);
        var b = Convert.ToInt32(hex[5..7], 16);
        return svg.Contains(hex, StringComparison.OrdinalIgnoreCase)
            || svg.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rgb({r},{g},{b})"), StringComparison.Ordinal);
    }
}
