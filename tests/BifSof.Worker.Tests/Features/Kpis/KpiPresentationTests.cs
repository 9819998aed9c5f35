using System.Text;
using BifSof.Worker.Features.Kpis;

namespace BifSof.Worker.Tests.Features.Kpis;

public class KpiPresentationTests
{
    private static MonthlyKpis Month(string month, decimal? rate, decimal target, decimal original) => new(
        month,
        2480,
        131,
        null,
        new ActivationKpi(1432, 611, rate, target, original, new Dictionary<string, GroupKpi> { ["handicap"] = new(210, 80, 0.381m) }, [2], 0.3012m, 500),
        new SocialPlanKpi(2010, 940, 901, 61, 0.0677m, 1000m, 1000m, 1650),
        month.EndsWith("-11", StringComparison.Ordinal),
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void ToCsv_WritesUtf8BomSemicolonsAndDecimalCommas_ForDanishExcel()
    {
        var csv = KpiExport.ToCsv([Month("2010-11", 0.4267m, 0.4m, 0.5m)]);
        var bytes = Encoding.UTF8.GetBytes(csv);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("måned;fællesborgere;tilgang;afgang;", lines[0], StringComparison.Ordinal);
        Assert.Equal("2010-11;2480;131;;1432;611;0,4267;0,4000;0,5000;0,3012;940;901;61;0,0677;1000;1650;ja", lines[1]);
    }

    [Fact]
    public void Svg_NamesTheRateTheFteBothTargetsAndTheNovemberMeasurement_InItsLegend()
    {
        var svg = TrendChart.Svg([Month("2010-06", 0.38m, 0.4m, 0.5m), Month("2010-07", 0.41m, 0.4m, 0.5m), Month("2010-11", 0.42m, 0.4m, 0.5m)]);

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        foreach (var label in new[] { TrendChart.RateLabel, TrendChart.FteLabel, TrendChart.TargetLabel, TrendChart.TargetOriginalLabel, TrendChart.NovemberLabel })
        {
            Assert.Equal(1, CountOf(svg, label));
        }
    }

    [Fact]
    public void Png_IsAPngPictureOfTheAskedSize_FromTheSameDefinitionAsTheSvg()
    {
        var png = TrendChart.Png([Month("2010-06", 0.38m, 0.4m, 0.5m)], 640, 320);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal((640, 320), (BigEndian(png, 16), BigEndian(png, 20)));
    }

    [Fact]
    public void Svg_DrawsNoLegend_WithoutMonths() => Assert.DoesNotContain(TrendChart.RateLabel, TrendChart.Svg([]), StringComparison.Ordinal);

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
