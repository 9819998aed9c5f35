using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>"Milepæle" over HTTP for a past day: the status the sources had given by then, not today's.</summary>
[Collection(ServingWorkerGroup.Name)]
public class MilestonesPageAsOfTests(ServingWorker worker)
{
    private async Task<string> PageAsync(string day)
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        return await client.GetStringAsync(new Uri("/hangfire/milepaele?pr=" + day, UriKind.Relative));
    }

    private static string Row(string body, string title)
    {
        var at = body.IndexOf(title, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row for {title}");
        var start = body.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return body[start..body.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Milepaele_ShowsTheStatusKnownThatDay_InProgressInMarch2010_DoneAfterTheEvaluation()
    {
        var march = Row(await PageAsync("2010-03-03"), "Entydig indgang til SOF for BIFs medarbejdere etableret");
        var july = Row(await PageAsync("2010-07-01"), "Entydig indgang til SOF for BIFs medarbejdere etableret");

        Assert.Contains("<td>I gang<br>", march, StringComparison.Ordinal);
        Assert.Contains("class=\"danger\"", march, StringComparison.Ordinal); // open and past its date that day
        Assert.Contains("<td>Udført<br>", july, StringComparison.Ordinal);
        Assert.Contains("ifølge Evaluering af BIF-SOF strategi og handleplan (medio 2010)", july, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_ShowsTheMovedDateOfThatDay_WithTheOriginal()
    {
        var march = Row(await PageAsync("2010-03-03"), "<td>Grøn linie iværksat");
        var july = Row(await PageAsync("2010-07-01"), "<td>Grøn linie iværksat");

        Assert.Contains("30. juni 2010", march, StringComparison.Ordinal);
        Assert.Contains("oprindeligt 31. august 2009", march, StringComparison.Ordinal);
        Assert.Contains("30. november 2010<br><small>(efteråret 2010)</small><br><small>oprindeligt 31. august 2009</small>", july, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_LeavesOutWhatNoSourceHadNamedYet_AndSaysSo()
    {
        var march = await PageAsync("2010-03-03");
        var july = await PageAsync("2010-07-01");

        Assert.DoesNotContain("Vejviser", march, StringComparison.Ordinal);
        Assert.Contains("kendes først fra senere kilder og er ikke vist", march, StringComparison.Ordinal);
        Assert.Contains("Vejviser", july, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_ShowsEveryMilestonesSource_AndAnOutcomeThatCanSayNotMet()
    {
        var row = Row(await PageAsync("2011-12-31"), "Aktiveringsgraden for 2009 opgjort mod årets mål");

        Assert.Contains("Udført – målet ikke nået", row, StringComparison.Ordinal);
        Assert.Contains("Kilde: Fælles strategi for fælles borgere i BIF og SOF 2009-2011", row, StringComparison.Ordinal);
        Assert.Contains("»skal mindst være 40 % i 2009«", row, StringComparison.Ordinal);
    }
}
