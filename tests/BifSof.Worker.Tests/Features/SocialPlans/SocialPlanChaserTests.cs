using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Features.SocialPlans.SocialPlanWorld;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>
/// The <c>social-plan-chase</c> job on January 2009 built by hand, replayed day by day from Monday 2 February:
/// team A (Socialcenter Amager, whose leader is not in the catalogue) has a missing offer and a green-line one, team
/// B (Rådgivningscenter København, whose leader is) a plan not produced, team C (Amager) a missing offer.
/// </summary>
public sealed class SocialPlanChaserTests : IAsyncLifetime
{
    private const string Amager = "Socialcenter Amager";
    private const string Raadgivning = "Rådgivningscenter København";
    private const string SpecialUnit = "specialenheden@bifsof.example.dk";
    private const string CentreLeader = "centerleder-raadgivningscenter-kbh@bifsof.example.dk";

    private readonly SocialPlanWorld _world = new();

    // Addresses of this test's own: the delivery test reads them from the shared mail sink. Letters only: a GUID's
    // hex often holds a run of digits the importer refuses as a possible CPR number.
    private readonly string _teamA = $"a-{RunId.New(32)}@sof.example.dk";
    private readonly string _teamB = $"b-{RunId.New(32)}@sof.example.dk";
    private readonly string _teamC = $"c-{RunId.New(32)}@sof.example.dk";

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await ImportJanuaryAsync();
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task ImportJanuaryAsync(string month = "2009-01", string offered101 = "", string produced103 = "", string offered104 = "") =>
        _world.ImportMonthAsync(
            month,
            [101, 102, 103, 104],
            Sof(Cpr(101), month, "SOF-101", centre: Amager, team: "Voksenteam 1", email: _teamA, offered: offered101),
            Sof(Cpr(102), month, "SOF-102", centre: Amager, team: "Voksenteam 1", email: _teamA, greenLine: "ja"),
            Sof(Cpr(103), month, "SOF-103", unit: "raadgivningscenter_behandling", centre: Raadgivning, team: "Behandlingsteam 1", email: _teamB, offered: "2009-01-02", produced: produced103, planType: produced103 == "" ? "" : "handleplan"),
            Sof(Cpr(104), month, "SOF-104", centre: Amager, team: "Voksenteam 2", email: _teamC.ToUpperInvariant(), offered: offered104));

    private async Task<List<OutboxMessage>> OutboxAsync(string prefix)
    {
        await using var scope = _world.Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.BusinessKey.StartsWith(prefix))
            .OrderBy(m => m.Id)
            .ToListAsync();
    }

    private async Task ChaseDaysAsync(string from, string to)
    {
        for (var day = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture); day <= DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture); day = day.AddDays(1))
        {
            await _world.ChaseAsync(day);
        }
    }

    [Fact]
    public async Task Run_QueuesOneChaserPerTeamAddress_ListingAllItsCases_GreenLineFirstAndMarked()
    {
        var report = await _world.ChaseAsync("2009-02-02");

        Assert.Equal([(_teamA, 2), (_teamB, 1), (_teamC, 1)], report.Chasers.Select(c => (c.TeamEmail, c.Cases)).Order());
        var chaser = Assert.Single(await OutboxAsync($"social-plan-chase:{_teamA}:"));
        Assert.Equal($"social-plan-chase:{_teamA}:2009-02-02", chaser.BusinessKey);
        Assert.Equal([_teamA], chaser.To);
        Assert.Equal("Rykker: 2 sociale handleplaner over frist, heraf 1 grøn linie – Voksenteam 1", chaser.Subject);
        Assert.Contains("[GRØN LINIE] SOF-sagsnr. SOF-102: Handleplan ikke tilbudt", chaser.TextBody, StringComparison.Ordinal);
        Assert.Contains("Frist 15. januar 2009 · 18 dage over frist · ikke rykket før", chaser.TextBody, StringComparison.Ordinal);
        Assert.True(chaser.TextBody.IndexOf("SOF-102", StringComparison.Ordinal) < chaser.TextBody.IndexOf("SOF-101", StringComparison.Ordinal), chaser.TextBody);
        Assert.Contains("Grøn linie</strong> <strong>SOF-102</strong>", chaser.HtmlBody, StringComparison.Ordinal);
        // The address as the extract spelled it (upper case) is the same recipient, in lower case.
        Assert.Single(await OutboxAsync($"social-plan-chase:{_teamC}:"));
        Assert.Contains("Handleplan ikke udarbejdet", Assert.Single(await OutboxAsync($"social-plan-chase:{_teamB}:")).TextBody, StringComparison.Ordinal);
        Assert.All(await OutboxAsync("social-plan-"), m => Assert.DoesNotContain("610180", m.HtmlBody + m.TextBody + m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_QueuesNothingNew_WhenRunTwiceOnOneDay()
    {
        await _world.ChaseAsync("2009-02-02");
        await _world.ChaseAsync("2009-02-09");

        var first = await CliRun.RunAsync(_world.Worker.Settings, "run", "social-plan-chase", "--as-of", "2009-02-16");
        var queued = (await OutboxAsync("social-plan-")).Count;
        var again = await CliRun.RunAsync(_world.Worker.Settings, "run", "social-plan-chase", "--as-of", "2009-02-16");

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("Lagt i udbakken: 3 rykkere (4 sager), 2 eskaleringer (4 sager: 1 til centerleder, 3 til Specialenheden).", first.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == ExitCodes.Success, again.Error);
        Assert.Contains("Intet lagt i udbakken. Sprunget over: 3 teamadresser, der har fået en rykker inden for 7 dage", again.Out, StringComparison.Ordinal);
        Assert.Contains("4 sager, der allerede er eskaleret", again.Out, StringComparison.Ordinal);
        Assert.Equal(queued, (await OutboxAsync("social-plan-")).Count);
    }

    [Fact]
    public async Task Run_SendsATeamAddressAtMostOneChaserEverySevenDays_AlsoWhenAnEarlierDayIsReplayed()
    {
        await ChaseDaysAsync("2009-02-02", "2009-02-08");
        var fifth = await _world.ChaseAsync("2009-02-05");
        await _world.ChaseAsync("2009-01-27"); // six days before the first chaser: the green-line case was late already
        await _world.ChaseAsync("2009-02-09");

        Assert.Equal(
            [$"social-plan-chase:{_teamA}:2009-02-02", $"social-plan-chase:{_teamA}:2009-02-09"],
            (await OutboxAsync($"social-plan-chase:{_teamA}:")).Select(m => m.BusinessKey));
        var skipped = fifth.Skipped.Single(s => s.TeamEmail == _teamA);
        Assert.Equal((2, new DateOnly(2009, 2, 2)), (skipped.Cases, skipped.ChasedOn));
        Assert.Contains("Sprunget over: 3 teamadresser, der har fået en rykker inden for 7 dage (3 rykket 2. februar 2009).", fifth.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EscalatesEachCaseOnce_WhenItIsStillOverdueAWeekAfterItsSecondChaser()
    {
        await _world.ChaseAsync("2009-02-02");
        var second = await _world.ChaseAsync("2009-02-09");
        await ChaseDaysAsync("2009-02-10", "2009-02-15");
        Assert.Empty(second.Escalations);
        Assert.Empty(await OutboxAsync("social-plan-escalation:"));

        var third = await _world.ChaseAsync("2009-02-16");
        var later = await _world.ChaseAsync("2009-02-23");

        Assert.Equal([("centre-leader:" + Raadgivning, 1), ("special-unit", 3)], third.Escalations.Select(e => (e.RecipientKey, e.Cases)));
        var escalations = await OutboxAsync("social-plan-escalation:");
        Assert.Equal(2, escalations.Count);
        var toLeader = escalations.Single(m => m.To.SequenceEqual([CentreLeader]));
        Assert.Equal("Eskalering: 1 social handleplan stadig over frist efter 2 rykkere – Rådgivningscenter København", toLeader.Subject);
        Assert.Contains("SOF-sagsnr. SOF-103: Handleplan ikke udarbejdet", toLeader.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 rykkere, 2. februar 2009 – 9. februar 2009", toLeader.TextBody, StringComparison.Ordinal);
        var toSpecialUnit = escalations.Single(m => m.To.SequenceEqual([SpecialUnit]));
        Assert.Contains("Kataloget har ingen centerleder-adresse for Socialcenter Amager", toSpecialUnit.TextBody, StringComparison.Ordinal);
        Assert.Contains("eskaleret til Specialenheden", (await OutboxAsync($"social-plan-chase:{_teamA}:2009-02-16")).Single().TextBody, StringComparison.Ordinal);
        Assert.Contains("dage over frist · rykket 1 gang før", (await OutboxAsync($"social-plan-chase:{_teamA}:2009-02-09")).Single().TextBody, StringComparison.Ordinal);
        Assert.Contains("dage over frist · rykket 2 gange før", (await OutboxAsync($"social-plan-chase:{_teamA}:2009-02-16")).Single().TextBody, StringComparison.Ordinal);

        Assert.Empty(later.Escalations);
        Assert.Equal(4, later.AlreadyEscalated);
        Assert.Equal(2, (await OutboxAsync("social-plan-escalation:")).Count);
        Assert.Equal(
            ["2009-02-02", "2009-02-09", "2009-02-16", "2009-02-23"],
            (await OutboxAsync($"social-plan-chase:{_teamA}:")).Select(m => m.BusinessKey.Split(':')[^1]));
    }

    [Fact]
    public async Task Run_SendsNothingForACase_NoLongerOverdue()
    {
        await _world.ChaseAsync("2009-02-02");
        // February's extracts: 101 and 104 offered, 103 produced; only the green-line case 102 is still late.
        await ImportJanuaryAsync("2009-02", offered101: "2009-02-03", produced103: "2009-02-04", offered104: "2009-02-03");

        var second = await _world.ChaseAsync("2009-02-09");
        var third = await _world.ChaseAsync("2009-02-16");

        Assert.Equal([(_teamA, 1)], second.Chasers.Select(c => (c.TeamEmail, c.Cases)));
        Assert.Empty(await OutboxAsync($"social-plan-chase:{_teamB}:2009-02-09"));
        Assert.Empty(await OutboxAsync($"social-plan-chase:{_teamC}:2009-02-09"));
        Assert.DoesNotContain("SOF-101", (await OutboxAsync($"social-plan-chase:{_teamA}:2009-02-09")).Single().TextBody, StringComparison.Ordinal);
        Assert.Equal([("special-unit", 1)], third.Escalations.Select(e => (e.RecipientKey, e.Cases)));
        Assert.Contains("SOF-102", (await OutboxAsync("social-plan-escalation:")).Single().TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeliversTheChaser_InDanishWithTheSharedLayout_NamingCasesByNumberOnly()
    {
        await _world.ChaseAsync("2009-02-02");

        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_world.Worker.Settings, "dispatch")).ExitCode);
        using var mailDev = MailDevClient.Shared();
        var email = Assert.Single(await mailDev.WaitForAsync(_teamA, 1));
        Assert.Equal("Rykker: 2 sociale handleplaner over frist, heraf 1 grøn linie – Voksenteam 1", email.Subject);
        Assert.Contains("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains("SOF-102", email.Html, StringComparison.Ordinal);
        Assert.Contains("15. januar 2009", email.Html, StringComparison.Ordinal);
        Assert.Contains("Borgere omtales kun med sagsnummer.", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("610180", email.Html + email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_ShowsOverdueByCentreTeamAndKind_WithTheChasersAndEscalationsUpToTheDay()
    {
        await ChaseDaysAsync("2009-02-02", "2009-02-16");

        await using var scope = _world.Worker.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<SocialPlanQueries>();
        var overview = await queries.OverviewAsync(new DateOnly(2009, 2, 16), CancellationToken.None);
        var early = await queries.OverviewAsync(new DateOnly(2009, 2, 5), CancellationToken.None);

        Assert.Equal(new DateOnly(2009, 1, 1), overview.DataMonth);
        Assert.Equal([Raadgivning, Amager], overview.Centres.Select(c => c.Centre));
        var amager = overview.Centres[1];
        Assert.Equal((new KindCounts(2, 0, 0), new KindCounts(1, 0, 0)), (amager.Counts.Regular, amager.Counts.GreenLine));
        Assert.Equal([("Voksenteam 1", new DateOnly(2009, 2, 16)), ("Voksenteam 2", new DateOnly(2009, 2, 16))], amager.Teams.Select(t => (t.Team, t.LastChaserOn!.Value)));
        Assert.Equal(1, overview.Centres[0].Counts.Regular.Production);
        Assert.Equal(9, overview.Chasers.Count); // three addresses on 2, 9 and 16 February
        Assert.Equal((new DateOnly(2009, 2, 16), OutboxStatus.Pending), (overview.Chasers[0].ChasedOn, overview.Chasers[0].Status));
        Assert.Equal(["SOF-103", "SOF-101", "SOF-102", "SOF-104"], overview.Escalations.Select(e => e.SofCaseNumber));
        Assert.Equal((CentreLeader, 2, OverdueKind.Production), (overview.Escalations[0].RecipientEmail, overview.Escalations[0].Chasers, overview.Escalations[0].Kind));
        Assert.Equal(4, overview.Total.Total);

        Assert.Equal(3, early.Chasers.Count);
        Assert.Empty(early.Escalations);
    }

    [Fact]
    public async Task Run_ReportsThatThereIsNothingToChase_WhenNoMonthUpToTheDayIsMatched()
    {
        var report = await _world.ChaseAsync("2008-12-15");

        Assert.Null(report.DataMonth);
        Assert.Equal("15. december 2008: ingen måned med begge udtræk matchet til og med december 2008; intet at rykke for.", report.Text);
        Assert.Empty(await OutboxAsync("social-plan-"));
    }
}
