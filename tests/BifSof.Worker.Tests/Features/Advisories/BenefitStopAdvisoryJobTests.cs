using BifSof.Worker.Features.Advisories;
using Microsoft.EntityFrameworkCore;
using static BifSof.Worker.Tests.Features.Advisories.AdvisoryTestBed;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>
/// The <c>benefit-stop-advisories</c> job on hand-built months imported through the real importer. Each test replays
/// its own months and days, so each gets a database of its own.
/// </summary>
public sealed class BenefitStopAdvisoryJobTests : IAsyncLifetime
{
    private const string Job = "benefit-stop-advisories";
    private const string Keys = "benefit-stop-advisory:";
    private const string Team1 = "voksenteam1@sof.example.dk";
    private const string Team2 = "voksenteam2@sof.example.dk";

    private readonly AdvisoryTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public Task DisposeAsync() => _bed.DisposeAsync();

    /// <summary>
    /// March 2010: citizen 1 is shared and BIF stopped the benefit on 15 March (no-show); citizen 2 has a stop too
    /// but is in match group 3 of the old model (not shared); citizen 3 is shared without a stop.
    /// </summary>
    private async Task ImportMarchAsync(string reason = "udeblivelse", string stop = "2010-03-15", string team = "Voksenteam 1", string email = Team1, bool extraCitizen = false)
    {
        const string m = "2010-03";
        string[] bif =
        [
            Bif(Cpr(1), m, "BIF-1001", stop: stop, reason: reason),
            Bif(Cpr(2), m, "BIF-1002", group: "3", stop: "2010-03-20", reason: "sanktion"),
            Bif(Cpr(3), m, "BIF-1003"),
        ];
        string[] sof =
        [
            Sof(Cpr(1), m, "SOF-2001", team: team, email: email),
            Sof(Cpr(2), m, "SOF-2002"),
            Sof(Cpr(3), m, "SOF-2003"),
        ];
        await _bed.ImportAsync("bif_2010-03.csv", File(BifHeader, extraCitizen ? [.. bif, Bif(Cpr(4), m, "BIF-1004")] : bif));
        await _bed.ImportAsync("sof_2010-03.csv", File(SofHeader, extraCitizen ? [.. sof, Sof(Cpr(4), m, "SOF-2004")] : sof));
    }

    [Fact]
    public async Task Run_AdvisesTheCitizensTeam_WithBothCaseNumbersTheDateAndTheReason()
    {
        await ImportMarchAsync();

        var report = await _bed.RunAsync(Job, "2010-04-06");

        var advisory = Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Equal([Team1], advisory.To);
        Assert.Equal("Advis: ydelse stoppet pr. 15. marts 2010 – SOF-sag SOF-2001", advisory.Subject);
        foreach (var expected in new[] { "SOF-2001", "BIF-1001", "Jobcenter København", "15. marts 2010", "udeblivelse", "marts 2010", "Voksenteam 1" })
        {
            Assert.Contains(expected, advisory.TextBody, StringComparison.Ordinal);
            Assert.Contains(expected, advisory.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Equal(
            "6. april 2010: 1 advis om ydelsesstop lagt i udbakken; sprunget over: 0 adviseret før, 1 hos borgere, der ikke var fællesborgere i stop-måneden, 0 i måneder uden begge udtræk, 0 stoppet før 6. januar 2010",
            report);
    }

    [Fact]
    public async Task Run_QueuesNothingNew_WhenRunTwiceOnTheSameDay()
    {
        await ImportMarchAsync();
        await _bed.RunAsync(Job, "2010-04-06");

        var again = await _bed.RunAsync(Job, "2010-04-06");

        Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.StartsWith("6. april 2010: 0 advis om ydelsesstop lagt i udbakken; sprunget over: 1 adviseret før,", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2010-06-13", 1)] // the stop of 15 March is 90 days old: still news
    [InlineData("2010-06-14", 0)] // 91 days old: history, counted and left alone
    public async Task Run_LeavesStopsOlderThanTheLookbackAlone_SoAFirstRunSendsNoHistory(string day, int advised)
    {
        await ImportMarchAsync();

        var report = await _bed.RunAsync(Job, day);

        Assert.Equal(advised, (await _bed.OutboxAsync(Keys)).Count);
        Assert.Contains($", {1 - advised} stoppet før ", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AdvisesNothingAgain_WhenTheMonthIsImportedAgain()
    {
        await ImportMarchAsync();
        await _bed.RunAsync(Job, "2010-04-06");

        await ImportMarchAsync(extraCitizen: true);
        var after = await _bed.RunAsync(Job, "2010-04-07");

        Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Contains(": 0 advis om ydelsesstop", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AdvisesNothingAgain_WhenACorrectionKeepsTheStopDateButChangesReasonAndTeam()
    {
        await ImportMarchAsync();
        await _bed.RunAsync(Job, "2010-04-06");

        await ImportMarchAsync(reason: "sanktion", team: "Voksenteam 2", email: Team2);
        await _bed.RunAsync(Job, "2010-04-07");

        var advisory = Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Equal([Team1], advisory.To);
    }

    [Fact]
    public async Task Run_AdvisesTheCorrectedDateOnce_WhenACorrectionChangesTheStopDate()
    {
        await ImportMarchAsync();
        await _bed.RunAsync(Job, "2010-04-06");

        await ImportMarchAsync(stop: "2010-03-16");
        await _bed.RunAsync(Job, "2010-04-07");
        await _bed.RunAsync(Job, "2010-04-08");

        var advisories = await _bed.OutboxAsync(Keys);
        Assert.Equal(2, advisories.Count);
        Assert.Contains("16. marts 2010", advisories[1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AdvisesEachStopOnce_WhenAnOlderMonthIsImportedAfterANewerOne()
    {
        // May arrives first: citizen 1's stop of 20 April is carried in May's row, and the team has changed.
        await _bed.ImportAsync("bif_2010-05.csv", File(BifHeader, Bif(Cpr(1), "2010-05", "BIF-1001", stop: "2010-04-20", reason: "udeblivelse"), Bif(Cpr(5), "2010-05", "BIF-1005")));
        await _bed.ImportAsync("sof_2010-05.csv", File(SofHeader, Sof(Cpr(1), "2010-05", "SOF-2001", team: "Voksenteam 2", email: Team2), Sof(Cpr(5), "2010-05", "SOF-2005")));
        Assert.Contains(": 1 advis", await _bed.RunAsync(Job, "2010-06-07"), StringComparison.Ordinal);

        // April comes late: the same stop again (already advised), and citizen 5's stop of 9 April that May no longer carries.
        await _bed.ImportAsync("bif_2010-04.csv", File(BifHeader, Bif(Cpr(1), "2010-04", "BIF-1001", stop: "2010-04-20", reason: "udeblivelse"), Bif(Cpr(5), "2010-04", "BIF-1005", stop: "2010-04-09", reason: "sanktion")));
        await _bed.ImportAsync("sof_2010-04.csv", File(SofHeader, Sof(Cpr(1), "2010-04", "SOF-2001"), Sof(Cpr(5), "2010-04", "SOF-2005")));
        var late = await _bed.RunAsync(Job, "2010-06-08");

        var advisories = await _bed.OutboxAsync(Keys);
        Assert.Equal(
            [
                (Team2, "Advis: ydelse stoppet pr. 20. april 2010 – SOF-sag SOF-2001"),
                (Team1, "Advis: ydelse stoppet pr. 9. april 2010 – SOF-sag SOF-2005"),
            ],
            advisories.Select(a => (a.To.Single(), a.Subject)).ToList());
        Assert.Contains(": 1 advis om ydelsesstop lagt i udbakken; sprunget over: 1 adviseret før,", late, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WaitsForAStopDatedAfterTheDay_AndAdvisesItOnItsDay()
    {
        await ImportMarchAsync(); // the stop is dated 15 March

        await _bed.RunAsync(Job, "2010-03-12");
        Assert.Empty(await _bed.OutboxAsync(Keys)); // not yet happened: nothing in the past tense about the future
        await _bed.RunAsync(Job, "2010-03-15");
        Assert.Single(await _bed.OutboxAsync(Keys));
    }

    [Fact]
    public async Task Run_WaitsForTheSofExtract_WhenOnlyTheBifExtractOfTheMonthIsIn()
    {
        await _bed.ImportAsync("bif_2010-03.csv", File(BifHeader, Bif(Cpr(1), "2010-03", "BIF-1001", stop: "2010-03-15")));
        var waiting = await _bed.RunAsync(Job, "2010-04-06");
        Assert.Empty(await _bed.OutboxAsync(Keys));
        Assert.Contains(", 1 i måneder uden begge udtræk,", waiting, StringComparison.Ordinal);

        await _bed.ImportAsync("sof_2010-03.csv", File(SofHeader, Sof(Cpr(1), "2010-03", "SOF-2001")));
        await _bed.RunAsync(Job, "2010-04-07");

        var advisory = Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Contains("Årsag:               ikke oplyst i BIF's udtræk", advisory.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LeavesMonthsAfterTheDayAlone()
    {
        await _bed.ImportAsync("bif_2010-06.csv", File(BifHeader, Bif(Cpr(1), "2010-06", "BIF-1001", stop: "2010-06-02")));
        await _bed.ImportAsync("sof_2010-06.csv", File(SofHeader, Sof(Cpr(1), "2010-06", "SOF-2001")));

        await _bed.RunAsync(Job, "2010-05-31");
        Assert.Empty(await _bed.OutboxAsync(Keys));

        await _bed.RunAsync(Job, "2010-06-01");
        Assert.Empty(await _bed.OutboxAsync(Keys)); // the month has begun, but the stop of 2 June has not happened yet

        await _bed.RunAsync(Job, "2010-06-02");
        Assert.Single(await _bed.OutboxAsync(Keys));
    }

    [Fact]
    public async Task Run_KeysTheOutboxByItsOwnRecord_WithNothingOfTheCitizenInTheKey()
    {
        await ImportMarchAsync();
        await _bed.RunAsync(Job, "2010-04-06");

        var record = await _bed.QueryAsync(db => db.Set<BenefitStopAdvisory>().SingleAsync());
        var email = Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Equal($"benefit-stop-advisory:{record.Id}", email.BusinessKey);
        Assert.Equal(record.BusinessKey, email.BusinessKey);
        Assert.Equal((new DateOnly(2010, 3, 15), new DateOnly(2010, 3, 1), new DateOnly(2010, 4, 6)), (record.StopDate, record.Month, record.AdvisedOn));
    }
}
