using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Features.SocialPlans.SocialPlanWorld;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>
/// The overdue list on hand-built months imported through the real importer. Each test builds its own months in a
/// database of its own. "N days after" counts calendar days: due = start + 30 (green line 14), overdue when later.
/// </summary>
public sealed class OverdueCasesTests : IAsyncLifetime
{
    private readonly SocialPlanWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private async Task<OverdueCase?> CaseAsync(string asOf, string caseNumber) =>
        (await _world.OverdueAsync(asOf)).SingleOrDefault(c => c.SofCaseNumber == caseNumber);

    [Fact]
    public async Task ListAsync_ListsAMissingOffer_OnlyFromTheThirtyFirstDayAfterTheFirstSharedMonthBegan()
    {
        await _world.ImportMonthAsync("2009-01", [1], Sof(Cpr(1), "2009-01", "SOF-1"));

        Assert.Null(await CaseAsync("2009-01-30", "SOF-1")); // 29 days after 1 January
        Assert.Null(await CaseAsync("2009-01-31", "SOF-1")); // 30
        var late = await CaseAsync("2009-02-01", "SOF-1"); // 31
        Assert.Equal((OverdueKind.Offer, new DateOnly(2009, 1, 31), 1, false), (late?.Kind, late?.DueDate, late?.DaysOverdue, late?.GreenLine));
    }

    [Fact]
    public async Task ListAsync_ListsAMissingGreenLineOffer_OnlyFromTheFifteenthDay()
    {
        await _world.ImportMonthAsync("2009-01", [2], Sof(Cpr(2), "2009-01", "SOF-2", greenLine: "ja"));

        Assert.Null(await CaseAsync("2009-01-14", "SOF-2")); // 13 days after 1 January
        Assert.Null(await CaseAsync("2009-01-15", "SOF-2")); // 14
        var late = await CaseAsync("2009-01-16", "SOF-2"); // 15
        Assert.Equal((OverdueKind.Offer, new DateOnly(2009, 1, 15), 1, true), (late?.Kind, late?.DueDate, late?.DaysOverdue, late?.GreenLine));
    }

    [Fact]
    public async Task ListAsync_ListsAPlanNotProduced_FromTheThirtyFirstDayAfterTheOffer_AndTheFifteenthOnTheGreenLine()
    {
        await _world.ImportMonthAsync(
            "2009-01",
            [3, 4],
            Sof(Cpr(3), "2009-01", "SOF-3", offered: "2009-01-05"),
            Sof(Cpr(4), "2009-01", "SOF-4", offered: "05-01-2009", greenLine: "j"));

        Assert.Null(await CaseAsync("2009-02-03", "SOF-3")); // 29 days after 5 January
        Assert.Null(await CaseAsync("2009-02-04", "SOF-3")); // 30
        var late = await CaseAsync("2009-02-05", "SOF-3"); // 31
        Assert.Equal((OverdueKind.Production, new DateOnly(2009, 2, 4), 1), (late?.Kind, late?.DueDate, late?.DaysOverdue));

        Assert.Null(await CaseAsync("2009-01-18", "SOF-4")); // 13
        Assert.Null(await CaseAsync("2009-01-19", "SOF-4")); // 14
        var green = await CaseAsync("2009-01-20", "SOF-4"); // 15
        Assert.Equal((OverdueKind.Production, new DateOnly(2009, 1, 19), 1, true), (green?.Kind, green?.DueDate, green?.DaysOverdue, green?.GreenLine));
    }

    [Fact]
    public async Task ListAsync_ListsAFollowUp_FromTheDayAfterItsDate_UnlessAPlanWasProducedOnOrAfterIt()
    {
        await _world.ImportMonthAsync(
            "2009-01",
            [5, 6],
            Sof(Cpr(5), "2009-01", "SOF-5", offered: "2008-06-01", produced: "2008-06-20", planType: "handleplan", followUp: "2009-01-10"),
            Sof(Cpr(6), "2009-01", "SOF-6", offered: "2008-06-01", produced: "2009-01-10", planType: "procesnotat", followUp: "2009-01-10", greenLine: "ja"));

        Assert.Null(await CaseAsync("2009-01-10", "SOF-5"));
        var late = await CaseAsync("2009-01-11", "SOF-5");
        Assert.Equal((OverdueKind.FollowUp, new DateOnly(2009, 1, 10), 1), (late?.Kind, late?.DueDate, late?.DaysOverdue));
        // The green line shortens the offer and production deadlines only; a follow-up is due on its date.
        Assert.Equal(21, (await CaseAsync("2009-01-31", "SOF-5"))?.DaysOverdue);

        Assert.Null(await CaseAsync("2009-01-11", "SOF-6"));
        Assert.Null(await CaseAsync("2009-01-31", "SOF-6"));
    }

    [Fact]
    public async Task ListAsync_ListsACaseOnce_UnderTheFirstLateStep_WhenAnEarlierStepIsNotLateYet()
    {
        // 61: no offer, follow-up 5 January. 62: offered 20 December, no plan, follow-up 5 January.
        await _world.ImportMonthAsync(
            "2009-01",
            [61, 62],
            Sof(Cpr(61), "2009-01", "SOF-61", followUp: "2009-01-05"),
            Sof(Cpr(62), "2009-01", "SOF-62", offered: "2008-12-20", followUp: "2009-01-05"));

        // On 10 January only the follow-ups are late (the offer is due 31 January, the plan 19 January).
        var early = await _world.OverdueAsync("2009-01-10");
        Assert.Equal(
            [("SOF-61", OverdueKind.FollowUp, new DateOnly(2009, 1, 5)), ("SOF-62", OverdueKind.FollowUp, new DateOnly(2009, 1, 5))],
            early.Select(c => (c.SofCaseNumber, c.Kind, c.DueDate)).OrderBy(c => c.SofCaseNumber, StringComparer.Ordinal));

        // Once the earlier step is late too, the case is listed once, under that step.
        var late = await _world.OverdueAsync("2009-02-01");
        Assert.Equal(
            [("SOF-61", OverdueKind.Offer, new DateOnly(2009, 1, 31)), ("SOF-62", OverdueKind.Production, new DateOnly(2009, 1, 19))],
            late.Select(c => (c.SofCaseNumber, c.Kind, c.DueDate)).OrderBy(c => c.SofCaseNumber, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_TreatsADateAfterTheAsOfDay_AsNotYetHappened()
    {
        await _world.ImportMonthAsync(
            "2009-01",
            [7, 8],
            Sof(Cpr(7), "2009-01", "SOF-7", offered: "2009-01-25", greenLine: "ja"),
            Sof(Cpr(8), "2009-01", "SOF-8", offered: "2008-12-01", produced: "2009-01-12", planType: "handleplan", followUp: "2009-07-12"));

        // January's extract already holds the offer of the 25th and the plan of the 12th; on earlier days they are still missing.
        var offer = await CaseAsync("2009-01-20", "SOF-7");
        Assert.Equal((OverdueKind.Offer, 5), (offer?.Kind, offer?.DaysOverdue));
        Assert.Null(await CaseAsync("2009-01-25", "SOF-7"));
        var production = await CaseAsync("2009-01-11", "SOF-8");
        Assert.Equal((OverdueKind.Production, new DateOnly(2008, 12, 31), 11), (production?.Kind, production?.DueDate, production?.DaysOverdue));
        Assert.Null(await CaseAsync("2009-01-12", "SOF-8"));
    }

    [Fact]
    public async Task ListAsync_CountsFromTheFirstImportedMonthInWhichTheCitizenWasShared_AcrossAGapBetweenImportedMonths()
    {
        // January: 21 shared, 22 only in SOF. February never arrives. March: both shared.
        await _world.ImportMonthAsync("2009-01", [21], Sof(Cpr(21), "2009-01", "SOF-21"), Sof(Cpr(22), "2009-01", "SOF-22"));
        await _world.ImportMonthAsync("2009-03", [21, 22], Sof(Cpr(21), "2009-03", "SOF-21"), Sof(Cpr(22), "2009-03", "SOF-22"));

        // In February the latest month is January: 21 is late since 31 January, 22 is not shared there.
        Assert.Equal(["SOF-21"], (await _world.OverdueAsync("2009-02-20")).Select(c => c.SofCaseNumber));
        Assert.Equal(20, (await CaseAsync("2009-02-20", "SOF-21"))?.DaysOverdue);

        // In March, 21 still counts from January; 22 counts from March, the first imported month it was shared in.
        var march = await _world.OverdueAsync("2009-03-10");
        Assert.Equal([("SOF-21", new DateOnly(2009, 1, 31), 38)], march.Select(c => (c.SofCaseNumber, c.DueDate, c.DaysOverdue)));
        Assert.Equal(new DateOnly(2009, 3, 31), (await CaseAsync("2009-04-01", "SOF-22"))?.DueDate);
    }

    [Fact]
    public async Task ListAsync_CountsFromAnEarlierMonth_ImportedOutOfOrder_AndReadsDatesFromTheLatestMonthUpToTheDay()
    {
        await _world.ImportMonthAsync("2009-03", [31], Sof(Cpr(31), "2009-03", "SOF-31"));
        Assert.Null(await CaseAsync("2009-03-20", "SOF-31")); // shared from March: due 31 March

        await _world.ImportMonthAsync("2009-01", [31], Sof(Cpr(31), "2009-01", "SOF-31"));
        var fromJanuary = await CaseAsync("2009-03-20", "SOF-31");
        Assert.Equal((new DateOnly(2009, 1, 31), 48), (fromJanuary?.DueDate, fromJanuary?.DaysOverdue));

        // April's row has the offer; March's list still reads March's row, April's list reads April's.
        await _world.ImportMonthAsync("2009-04", [31], Sof(Cpr(31), "2009-04", "SOF-31", offered: "2009-04-02"));
        Assert.NotNull(await CaseAsync("2009-03-20", "SOF-31"));
        Assert.Null(await CaseAsync("2009-04-10", "SOF-31"));
    }

    [Fact]
    public async Task ListAsync_LeavesOutACitizen_NoLongerSharedInTheLatestMonth()
    {
        await _world.ImportMonthAsync("2009-01", [41, 42], Sof(Cpr(41), "2009-01", "SOF-41"), Sof(Cpr(42), "2009-01", "SOF-42"));
        await _world.ImportAsync("bif", "2009-03", Bif(Cpr(41), "2009-03", "BIF-41"), Bif(Cpr(42), "2009-03", "BIF-42", group: "3"));
        await _world.ImportAsync("sof", "2009-03", Sof(Cpr(41), "2009-03", "SOF-41"), Sof(Cpr(42), "2009-03", "SOF-42"));

        Assert.Equal(["SOF-41", "SOF-42"], (await _world.OverdueAsync("2009-02-10")).Select(c => c.SofCaseNumber).Order());
        Assert.Equal(["SOF-41"], (await _world.OverdueAsync("2009-03-10")).Select(c => c.SofCaseNumber));
    }

    [Fact]
    public async Task ListAsync_IsEmpty_WhenNoMonthUpToTheDayHasBothExtracts()
    {
        await _world.ImportAsync("bif", "2009-01", Bif(Cpr(51), "2009-01", "BIF-51"));
        await _world.ImportMonthAsync("2009-05", [51], Sof(Cpr(51), "2009-05", "SOF-51"));

        Assert.Empty(await _world.OverdueAsync("2009-04-30"));
        await using var scope = _world.Worker.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<OverdueCases>().DataMonthAsync(new DateOnly(2009, 4, 30), CancellationToken.None));
    }

    [Fact]
    public async Task OverdueJson_WritesTheContractsArray_SortedByTeamThenMostDaysOverdue()
    {
        const string m = "2009-01";
        await _world.ImportMonthAsync(
            m,
            [11, 12, 13, 14, 15],
            Sof(Cpr(11), m, "SOF-11", team: "Voksenteam Ærøgade", email: "ae@sof.example.dk"),
            Sof(Cpr(12), m, "SOF-12", team: "Voksenteam 1", email: "vt1@sof.example.dk", offered: "2009-01-02"),
            Sof(Cpr(13), m, "SOF-13", team: "Voksenteam 1", email: "vt1@sof.example.dk", greenLine: "ja"),
            Sof(Cpr(14), m, "SOF-14", team: "Voksenteam 1", email: "vt1@sof.example.dk", offered: "2008-07-20", produced: "2008-08-01", planType: "handleplan", followUp: "2009-02-10"),
            Sof(Cpr(15), m, "SOF-15", team: "Voksenteam 1", email: "vt1@sof.example.dk", offered: "2009-01-10", produced: "2009-01-20", planType: "handleplan"));

        var json = OverdueJson.Serialize(await _world.OverdueAsync("2009-02-20"));

        Assert.Equal(
            """
            [{"sofCaseNumber":"SOF-13","team":"Voksenteam 1","teamEmail":"vt1@sof.example.dk","kind":"offer","dueDate":"2009-01-15","daysOverdue":36,"greenLine":true},{"sofCaseNumber":"SOF-12","team":"Voksenteam 1","teamEmail":"vt1@sof.example.dk","kind":"production","dueDate":"2009-02-01","daysOverdue":19,"greenLine":false},{"sofCaseNumber":"SOF-14","team":"Voksenteam 1","teamEmail":"vt1@sof.example.dk","kind":"followUp","dueDate":"2009-02-10","daysOverdue":10,"greenLine":false},{"sofCaseNumber":"SOF-11","team":"Voksenteam Ærøgade","teamEmail":"ae@sof.example.dk","kind":"offer","dueDate":"2009-01-31","daysOverdue":20,"greenLine":false}]
            """,
            json);
    }

    [Fact]
    public async Task OverdueVerb_PrintsTheContractsJson_AndDanishText_ForTheDayGiven()
    {
        const string m = "2009-01";
        await _world.ImportMonthAsync(m, [61, 62], Sof(Cpr(61), m, "SOF-61", greenLine: "ja"), Sof(Cpr(62), m, "SOF-62", offered: "2009-01-02"));

        var json = await CliRun.RunAsync(_world.Worker.Settings, "overdue", "--json", "--as-of", "2009-02-20");
        var text = await CliRun.RunAsync(_world.Worker.Settings, "overdue", "--as-of", "2009-02-20");
        var refused = await CliRun.RunAsync(_world.Worker.Settings, "overdue", "--as-of", "20-02-2009");

        Assert.True(json.ExitCode == ExitCodes.Success, json.Error);
        Assert.Equal(OverdueJson.Serialize(await _world.OverdueAsync("2009-02-20")), json.Out.Trim());
        Assert.StartsWith("[{\"sofCaseNumber\":\"SOF-61\"", json.Out, StringComparison.Ordinal);
        Assert.Contains("Sociale handleplaner over frist pr. 20. februar 2009: 2", text.Out, StringComparison.Ordinal);
        Assert.Contains("SOF-61", text.Out, StringComparison.Ordinal);
        Assert.Contains("(grøn linie)", text.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
    }
}
