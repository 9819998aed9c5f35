using BifSof.Worker.Features.Advisories;
using static BifSof.Worker.Tests.Features.Advisories.AdvisoryTestBed;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>The model the page "Handleplaner" renders: what was issued up to a chosen day.</summary>
public sealed class AdvisoryQueriesTests : IAsyncLifetime
{
    private readonly AdvisoryTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public Task DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task AdvisoriesOverviewAsync_ListsWhatWasIssuedUpToTheDay_WithItsDelivery()
    {
        const string m = "2010-03";
        var citizens = Enumerable.Range(0, 10).ToList();
        await _bed.ImportAsync("bif_2010-03.csv", File(BifHeader, citizens.Select(n => Bif(Cpr(n), m, $"BIF-{1000 + n}", stop: n == 0 ? "2010-03-15" : "", reason: n == 0 ? "sanktion" : "")).ToArray()));
        await _bed.ImportAsync("sof_2010-03.csv", File(SofHeader, citizens.Select(n => Sof(
            Cpr(n), m, $"SOF-{2000 + n}", unit: "raadgivningscenter_modtager", centre: "Rådgivningscenter Amager", team: "Modtageteam", email: $"modtageteam.{_bed.Run}@sof.example.dk", coordination: "ja")).ToArray()));
        await _bed.RunAsync("benefit-stop-advisories", "2010-04-06");
        await _bed.RunAsync("coordination-meetings", "2010-04-07");
        await _bed.DispatchAsync();

        var before = await _bed.QueryAsync(db => db.AdvisoriesOverviewAsync(new DateOnly(2010, 4, 5), null, CancellationToken.None));
        var between = await _bed.QueryAsync(db => db.AdvisoriesOverviewAsync(new DateOnly(2010, 4, 6), null, CancellationToken.None));
        var after = await _bed.QueryAsync(db => db.AdvisoriesOverviewAsync(new DateOnly(2010, 4, 30), null, CancellationToken.None));

        Assert.Equal((0, 0), (before.Advisories.Count, before.Notices.Count));
        Assert.Equal((1, 0), (between.Advisories.Count, between.Notices.Count));
        var advisory = Assert.Single(after.Advisories);
        Assert.Equal(
            (new DateOnly(2010, 4, 6), "BIF-1000", "SOF-2000", "Rådgivningscenter Amager", "Modtageteam", new DateOnly(2010, 3, 15), "sanktion"),
            (advisory.AdvisedOn, advisory.BifCaseNumber, advisory.SofCaseNumber, advisory.Centre, advisory.Team, advisory.StopDate, advisory.Reason));
        Assert.NotNull(advisory.SentAt);
        var notice = Assert.Single(after.Notices);
        Assert.Equal(
            ("Rådgivningscenter Amager", new DateOnly(2010, 4, 7), new DateOnly(2010, 3, 1), 10),
            (notice.Centre, notice.NoticedOn, notice.Month, notice.CaseCount));
        Assert.Equal([$"modtageteam.{_bed.Run}@sof.example.dk", "jobcenter-koordination@bifsof.example.dk"], notice.Recipients);
        Assert.NotNull(notice.SentAt);
    }
}
