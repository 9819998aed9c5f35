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
}
