using BifSof.Worker.Features.Advisories;
using Microsoft.EntityFrameworkCore;
using static BifSof.Worker.Tests.Features.Advisories.AdvisoryTestBed;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>
/// The <c>coordination-meetings</c> job on hand-built months imported through the real importer. Each test replays
/// its own months and days, so each gets a database of its own.
/// </summary>
public sealed class CoordinationMeetingJobTests : IAsyncLifetime
{
    private const string Job = "coordination-meetings";
    private const string Keys = "coordination-notice:";
    private const string Copenhagen = "Rådgivningscenter København";
    private const string Jobcentre = "jobcenter-koordination@bifsof.example.dk";

    private readonly AdvisoryTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public Task DisposeAsync() => _bed.DisposeAsync();

    private string Email(string team) => $"{team}.{_bed.Run}@sof.example.dk";

    private sealed record Citizen(int N, string Centre, string Unit, string Team, string Mailbox, bool Marked, bool Shared = true);

    /// <summary>
    /// Rådgivningscenter København: <paramref name="marked"/> shared citizens marked for coordination, alternately in
    /// its treatment and its intake unit, and two unmarked ones in a third team.
    /// </summary>
    private static IEnumerable<Citizen> Counselling(int marked) =>
        Enumerable.Range(0, marked)
            .Select(n => n % 2 == 0
                ? new Citizen(n, Copenhagen, "raadgivningscenter_behandling", "Behandlingsteam 1", "behandlingsteam1", Marked: true)
                : new Citizen(n, Copenhagen, "raadgivningscenter_modtager", "Modtageteam", "modtageteam", Marked: true))
            .Concat([
                new Citizen(100, Copenhagen, "raadgivningscenter_behandling", "Behandlingsteam 2", "behandlingsteam2", Marked: false),
                new Citizen(101, Copenhagen, "raadgivningscenter_behandling", "Behandlingsteam 2", "behandlingsteam2", Marked: false),
            ]);

    private async Task ImportMonthAsync(string month, IEnumerable<Citizen> citizens)
    {
        var list = citizens.ToList();
        await _bed.ImportAsync($"bif_{month}.csv", File(BifHeader, list.Select(c => Bif(Cpr(c.N), month, $"BIF-{1000 + c.N}", group: c.Shared ? "4" : "3")).ToArray()));
        await _bed.ImportAsync($"sof_{month}.csv", File(SofHeader, list.Select(c => Sof(
            Cpr(c.N), month, $"SOF-{2000 + c.N}", unit: c.Unit, centre: c.Centre, team: c.Team, email: Email(c.Mailbox), coordination: c.Marked ? "ja" : "nej")).ToArray()));
    }

    [Theory]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    public async Task Run_ProposesAMeeting_FromTenMarkedSharedCitizensOfACentre(int marked, int notices)
    {
        await ImportMonthAsync("2010-03", Counselling(marked));

        await _bed.RunAsync(Job, "2010-04-06");

        Assert.Equal(notices, (await _bed.OutboxAsync(Keys)).Count);
    }

    [Fact]
    public async Task Run_SendsTheNoticeToEveryTeamOfTheCentreAndTheJobcentre_WithTheCaseNumbers()
    {
        await ImportMonthAsync("2010-03", Counselling(10));

        var report = await _bed.RunAsync(Job, "2010-04-06");

        var notice = Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Equal($"coordination-notice:{Copenhagen}:2010-04-06", notice.BusinessKey);
        Assert.Equal(
            new[] { Email("behandlingsteam1"), Email("behandlingsteam2"), Email("modtageteam"), Jobcentre }.Order(StringComparer.Ordinal),
            notice.To.Order(StringComparer.Ordinal));
        Assert.Equal($"Forslag om koordinationsmøde: {Copenhagen} har 10 sager markeret til koordinering", notice.Subject);
        foreach (var n in Enumerable.Range(0, 10))
        {
            Assert.Contains($"SOF-{2000 + n} · BIF-{1000 + n}", notice.TextBody, StringComparison.Ordinal);
            Assert.Contains($"<td>SOF-{2000 + n}</td><td>BIF-{1000 + n}</td>", notice.HtmlBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SOF-2100", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Næste forslag til centret sendes tidligst 6. maj 2010", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal($"6. april 2010, marts 2010: 1 forslag om koordinationsmøde lagt i udbakken ({Copenhagen}: 10 sager); sprunget over: 0 foreslået inden for 30 dage, 0 under 10 markerede sager", report);
    }

    [Fact]
    public async Task Run_CountsOnlySharedCitizensOfCounsellingCentres()
    {
        // Nine shared and one marked citizen who is not shared (old match group 3) in the counselling centre; twelve
        // marked in a social centre, which calls no coordination meetings.
        var socialCentre = Enumerable.Range(200, 12).Select(n => new Citizen(n, "Socialcenter Amager", "socialcenter_voksen", "Voksenteam 1", "voksenteam1", Marked: true));
        await ImportMonthAsync("2010-03", [.. Counselling(9), new Citizen(50, Copenhagen, "raadgivningscenter_behandling", "Behandlingsteam 1", "behandlingsteam1", Marked: true, Shared: false), .. socialCentre]);

        var report = await _bed.RunAsync(Job, "2010-04-06");

        Assert.Empty(await _bed.OutboxAsync(Keys));
        Assert.EndsWith($"1 under 10 markerede sager ({Copenhagen}: 9)", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProposesAgain_OnlyThirtyDaysAfterTheLastNotice()
    {
        await ImportMonthAsync("2010-03", Counselling(10));
        await _bed.RunAsync(Job, "2010-04-06");

        var day29 = await _bed.RunAsync(Job, "2010-05-05");
        Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Contains($"sprunget over: 1 foreslået inden for 30 dage ({Copenhagen}: foreslået 6. april 2010)", day29, StringComparison.Ordinal);

        await _bed.RunAsync(Job, "2010-05-06");
        Assert.Equal(
            [$"coordination-notice:{Copenhagen}:2010-04-06", $"coordination-notice:{Copenhagen}:2010-05-06"],
            (await _bed.OutboxAsync(Keys)).Select(m => m.BusinessKey).ToList());
    }

    [Fact]
    public async Task Run_QueuesNothingNew_WhenRunTwiceOnTheSameDay()
    {
        await ImportMonthAsync("2010-03", Counselling(10));
        await _bed.RunAsync(Job, "2010-04-06");

        var again = await _bed.RunAsync(Job, "2010-04-06");

        Assert.Single(await _bed.OutboxAsync(Keys));
        Assert.Equal(1, await _bed.QueryAsync(db => db.Set<CoordinationNotice>().CountAsync()));
        Assert.StartsWith("6. april 2010, marts 2010: 0 forslag om koordinationsmøde lagt i udbakken;", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CountsTheLatestMatchedMonthUpToTheDay()
    {
        // March has ten marked, April nine; May's SOF extract has twelve but its BIF extract is not in.
        await ImportMonthAsync("2010-03", Counselling(10));
        await ImportMonthAsync("2010-04", Counselling(9));
        await _bed.ImportAsync("sof_2010-05.csv", File(SofHeader, Counselling(12).Select(c => Sof(
            Cpr(c.N), "2010-05", $"SOF-{2000 + c.N}", unit: c.Unit, centre: c.Centre, team: c.Team, email: Email(c.Mailbox), coordination: c.Marked ? "ja" : "nej")).ToArray()));

        var june = await _bed.RunAsync(Job, "2010-06-07");
        Assert.Empty(await _bed.OutboxAsync(Keys));
        Assert.StartsWith("7. juni 2010, april 2010: 0 forslag", june, StringComparison.Ordinal);

        await _bed.RunAsync(Job, "2010-03-31");
        Assert.Single(await _bed.OutboxAsync(Keys));
    }
}
