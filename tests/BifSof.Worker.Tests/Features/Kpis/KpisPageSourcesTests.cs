using System.Text.RegularExpressions;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>"Nøgletal" over HTTP on the demo data: the catalogue's baselines and the reported 2009 figures beside the measured ones.</summary>
[Collection(ServingWorkerGroup.Name)]
public class KpisPageSourcesTests(ServingWorker worker)
{
    private async Task<string> PageAsync(string query)
    {
        await worker.EnsureDemoAsync();
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        return await client.GetStringAsync(new Uri("/hangfire/noegletal" + query, UriKind.Relative));
    }

    [Fact]
    public async Task Noegletal_ShowsTheReported2009Figures_BesideTheMeasured_InDecember2009()
    {
        var body = await PageAsync("?maaned=2009-12");

        Assert.Contains("<small class=\"kpi-measured\">målt</small>", body, StringComparison.Ordinal);
        Assert.Contains("<strong>Rapporteret:</strong> 37,4 % ved udgangen af 2009", body, StringComparison.Ordinal);
        Assert.Contains("<strong>Rapporteret:</strong> 1.160 udarbejdet i 2009, heraf 73 procesnotater", body, StringComparison.Ordinal);
        Assert.Contains("<strong>Rapporteret:</strong> i gennemsnit pr. måned i strategiens første år knap 2.500 – kilde: Evaluering af BIF-SOF strategi og handleplan, medio 2010; 3.606 i alt i 2009, årets tal, ikke en måneds", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Noegletal_ComparesTheMonthsSharedCitizens_WithTheReportedMonthlyAverage_InEveryMonthOf2009()
    {
        var june = await PageAsync("?maaned=2009-06");
        var reported = Regex.Matches(june, "<p class=\"kpi-reported\">(.*?)</p>").Select(m => m.Groups[1].Value).ToList();

        // A month's count beside a month's figure; the year's total belongs to December only.
        var line = Assert.Single(reported);
        Assert.Equal("<strong>Rapporteret:</strong> i gennemsnit pr. måned i strategiens første år knap 2.500 – kilde: Evaluering af BIF-SOF strategi og handleplan, medio 2010", line);
    }

    [Fact]
    public async Task Noegletal_HasNoBracketInsideABracket_InAnyMonthOfThe2009Figures()
    {
        var reported = Regex.Matches(await PageAsync("?maaned=2009-12"), "<p class=\"kpi-reported\">(.*?)</p>").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(3, reported.Count);
        Assert.All(reported, line => Assert.DoesNotMatch(@"\([^()]*\(", line));
    }

    [Fact]
    public async Task Noegletal_ShowsNoReportedFigure_InAMonthNoSourceReportedFor()
    {
        var body = await PageAsync("?maaned=2010-03");

        Assert.DoesNotContain("<strong>Rapporteret:</strong>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Noegletal_ShowsTheBaselines_WithTheirSources_OnTheChartAndInTheTable()
    {
        var body = await PageAsync("?maaned=2009-12");

        Assert.Contains("Udgangspunkt: 19 % (oktober 2008, før strategien)", body, StringComparison.Ordinal); // the chart's legend
        Assert.Contains("Rapporteret: 37,4 % ved udgangen af 2009", body, StringComparison.Ordinal);
        Assert.Contains("Udgangspunkt og rapporterede tal", body, StringComparison.Ordinal);
        Assert.Contains("<td>Aktiveringsgrad, Handicappede</td><td>november 2007 (strategiens Tabel 2)</td><td>21 %</td><td>Udgangspunkt</td>", body, StringComparison.Ordinal);
        Assert.Contains("<td>Aktiveringsgrad, alle i BIFs matchgruppe 4 og 5</td><td>gennemsnit januar 2007–juli 2008</td><td>35 %</td>", body, StringComparison.Ordinal);
        Assert.Contains("<td>Fællesborgere pr. måned</td><td>i gennemsnit pr. måned i strategiens første år</td><td>knap 2.500</td>", body, StringComparison.Ordinal);
        Assert.Contains("»Inden strategiens iværksættelse, var en aktiveringsgrad på 19 pct.«", body, StringComparison.Ordinal);
        Assert.Contains("<td>Misbrugere i behandling</td>", body, StringComparison.Ordinal);
        Assert.Contains("<td>18 %</td></tr>", body, StringComparison.Ordinal); // Tabel 2 beside the measured rate of the group
    }
}
