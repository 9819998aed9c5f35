using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Contains("ifølge Evaluering af BIF-SOF strategi og handleplan, medio 2010", july, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_ShowsNoStatusForAnEvent_NotPlannedAfterItsDate()
    {
        // An event is a dated fact of the sources, nobody's deadline: it has no status of its own, before or after its date.
        var after = Row(await PageAsync("2011-08-01"), "Projekterne afsluttes; derefter aflægger de status til Socialforvaltningen");
        var before = Row(await PageAsync("2010-07-01"), "Projekterne afsluttes; derefter aflægger de status til Socialforvaltningen");

        foreach (var row in new[] { after, before })
        {
            Assert.Contains("<small>dato – ingen frist</small>", row, StringComparison.Ordinal);
            Assert.Contains("<td>–", row, StringComparison.Ordinal);
            Assert.DoesNotContain("Planlagt", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Milepaele_ShowsTheMovedDateOfThatDay_WithTheOriginal()
    {
        var march = Row(await PageAsync("2010-03-03"), "<td>Grøn linie iværksat");
        var july = Row(await PageAsync("2010-07-01"), "<td>Grøn linie iværksat");

        Assert.Contains("30. juni 2010", march, StringComparison.Ordinal);
        Assert.Contains("oprindeligt 31. august 2009", march, StringComparison.Ordinal);
        Assert.Contains("30. november 2010<br><small>efteråret 2010</small><br><small>oprindeligt 31. august 2009</small>", july, StringComparison.Ordinal);
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

    [Fact]
    public async Task Milepaele_ShowsAnEventWithItsDate_NeverOverdue_AndNotCountedOverdue()
    {
        var body = await PageAsync("2011-12-31");
        var row = Row(body, "<td>Bevillingen til bydelsmødre ophører");

        Assert.Contains("31. december 2010<br><small>dato – ingen frist</small>", row, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"danger\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("dage", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Forsinket", row, StringComparison.Ordinal);
        // The grant dates, the projects' end and the facts the sources report after the fact (PageTemplatesTests: one).
        Assert.Contains("10 milepæle er datoer fra kilderne uden frist (»dato – ingen frist«): de får ingen påmindelser", body, StringComparison.Ordinal);
        Assert.Contains("7 milepæle er datoer fra kilderne uden frist (»dato – ingen frist«): de får ingen påmindelser", await PageAsync("2010-03-03"), StringComparison.Ordinal);

        // The headline's overdue count is the rows marked overdue: events are not among them.
        var overdue = System.Text.RegularExpressions.Regex.Match(body, @"<strong>(\d+) over frist</strong>");
        Assert.True(overdue.Success);
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(body, "<tr class=\"danger\">"), int.Parse(overdue.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Milepaele_SaysEscalationGoesToTheOwnersEscalationAddress_ElseTheSpecialUnit_AndNamesTheOcrSources()
    {
        var body = await PageAsync("2010-03-03");

        Assert.Contains("går sagen videre til den ansvarliges eskaleringsadresse, ellers til Specialenheden", body, StringComparison.Ordinal);
        Assert.Contains("Bilag 1 og fællesindstillingen findes kun som OCR-læsning", body, StringComparison.Ordinal);
        Assert.Contains("Kildetekst: »Bevillingen ophgrer med udgangen af 2010.«", Row(body, "<td>Bevillingen til bydelsmødre ophører"), StringComparison.Ordinal);
        Assert.DoesNotContain("(OCR)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_HasNoBracketInsideABracket_InAnyRow_OnAnyDayASourceSpeaks()
    {
        string[] days = ["2009-01-01", "2009-07-01", "2010-02-01", "2010-06-03", "2010-07-01", "2011-12-31"];
        var nested = new List<string>();
        foreach (var day in days)
        {
            var body = await PageAsync(day);
            var rows = body[body.IndexOf("<tbody>", StringComparison.Ordinal)..body.IndexOf("</tbody>", StringComparison.Ordinal)];
            foreach (System.Text.RegularExpressions.Match row in System.Text.RegularExpressions.Regex.Matches(rows, "<tr[^>]*>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline))
            {
                var words = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(row.Groups[1].Value, "<[^>]+>", " "));
                if (System.Text.RegularExpressions.Regex.IsMatch(words, @"\([^()]*\("))
                {
                    nested.Add($"{day}: {words}");
                }
            }
        }

        Assert.True(nested.Count == 0, string.Join(Environment.NewLine, nested));
    }

    [Fact]
    public async Task Milepaele_CountsTheRemindersSentByThatDay_ByTheOutboxsSentTime_NotTheDayTheyWereScheduledFor()
    {
        // The 14-day reminder of the November 2011 measurement, scheduled for 16 November but sent on the 21st (an outage).
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            var sentAt = new DateTimeOffset(2011, 11, 21, 9, 0, 0, TimeSpan.Zero);
            db.OutboxMessages.Add(new OutboxMessage
            {
                BusinessKey = "milestone-reminder:5.3-maaling-nov-2011:2011-11-30:before14:2011-11-16",
                MessageId = "<as-of-test@bifsof.example.dk>",
                Template = "milestone-reminder",
                To = ["sof@bifsof.example.dk"],
                Subject = "Påmindelse",
                HtmlBody = "<p>Påmindelse</p>",
                TextBody = "Påmindelse",
                Status = OutboxStatus.Sent,
                Attempts = 1,
                CreatedAt = sentAt.AddDays(-5),
                NextAttemptAt = sentAt.AddDays(-5),
                SentAt = sentAt,
            });
            await db.SaveChangesAsync();
        }

        const string title = "<td>Måling af aktiveringsgraden for SOFs målgrupper med særlige behov (november 2011)";
        Assert.EndsWith("<td>0</td>", Row(await PageAsync("2011-11-18"), title).TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("<td>0</td>", Row(await PageAsync("2011-11-20"), title).TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("<td>1</td>", Row(await PageAsync("2011-11-21"), title).TrimEnd(), StringComparison.Ordinal);
    }
}
