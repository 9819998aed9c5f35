using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BifSof.Worker.Tests.Features.Catalogue;

/// <summary>
/// The shipped catalogue loaded into the real PostgreSQL: each milestone's dated history, the baselines, the
/// milestones as they stood on a past day, and Production's refusal of placeholder addresses.
/// </summary>
public sealed class CatalogueLoaderTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static CatalogueLoader Loader(IServiceProvider services, string environment, IDictionary<string, string?>? settings = null) =>
        ActivatorUtilities.CreateInstance<CatalogueLoader>(
            services,
            (IHostEnvironment)new HostingEnvironment { EnvironmentName = environment },
            new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());

    private async Task<MilestoneView?> AsOfAsync(string id, DateOnly day)
    {
        await using var scope = worker.Scope();
        var plan = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().ViewsAsOfAsync(day, CancellationToken.None);
        return plan.Milestones.SingleOrDefault(m => m.Id == id);
    }

    [Fact]
    public async Task LoadAsync_StoresEveryStateOfAMilestone_AndTheLatestOnTheMilestone()
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();

        var states = await db.Set<MilestoneState>().Where(s => s.MilestoneId == "1.2c-groen-linie-ivaerksat").OrderBy(s => s.Sequence).ToListAsync();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == "1.2c-groen-linie-ivaerksat");

        Assert.Equal(
            [(new DateOnly(2009, 1, 1), new DateOnly(2009, 8, 31)), (new DateOnly(2010, 2, 1), new DateOnly(2010, 6, 30)), (new DateOnly(2010, 7, 1), new DateOnly(2010, 11, 30))],
            states.Select(s => (s.AsOf, s.DueDate)));
        Assert.All(states, s => Assert.False(string.IsNullOrWhiteSpace(s.SourceQuote)));
        Assert.Equal((new DateOnly(2010, 11, 30), MilestoneStatus.Delayed, "efteråret 2010"), (milestone.DueDate, milestone.Status, milestone.DueText));
        Assert.StartsWith("Handleplan for fælles borgere i BIF og SOF, Medarbejderindgange", milestone.Source, StringComparison.Ordinal);
        Assert.Equal("som etableres senest august 2009", milestone.SourceQuote);
    }

    [Fact]
    public async Task LoadAsync_StoresTheKind_AndAnEventCannotBeAnswered()
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var answers = ActivatorUtilities.CreateInstance<MilestoneAnswers>(scope.ServiceProvider, (TimeProvider)new FixedClock(new DateOnly(2010, 12, 1), new TimeOnly(10, 0)));

        var outcome = await answers.RecordAsync(new AnswerTicket("3.1-bevilling-ophoerer", "sof", AnswerAction.NewDate, DateTimeOffset.MaxValue), new DateOnly(2011, 3, 1), null, CancellationToken.None);

        Assert.Equal(AnswerOutcome.NotADeadline, outcome);
        var grant = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "3.1-bevilling-ophoerer");
        Assert.Equal((MilestoneKind.Event, new DateOnly(2010, 12, 31), false), (grant.Kind, grant.DueDate, grant.ReportedByOwner));
        Assert.Equal(0, await db.MilestoneAnswers.CountAsync(a => a.MilestoneId == "3.1-bevilling-ophoerer"));
        Assert.Equal(MilestoneKind.Deadline, (await db.Milestones.SingleAsync(m => m.Id == "5.3-aktivering-2011")).Kind);
    }

    [Fact]
    public async Task LoadAsync_StoresTheOutcome_NotMet_For2009sActivation()
    {
        await using var scope = worker.Scope();
        var milestone = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().Milestones.SingleAsync(m => m.Id == "5.3-aktivering-2009");

        Assert.Equal((MilestoneStatus.Done, "not_met"), (milestone.Status, milestone.Outcome));
    }

    [Fact]
    public async Task LoadAsync_StoresTheBaselines_WithTheirSources()
    {
        await using var scope = worker.Scope();
        var baselines = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().Set<Baseline>().Where(b => b.InCatalogue).ToListAsync();

        Assert.Equal(11, baselines.Count);
        var before = baselines.Single(b => b.Id == "activation-before-strategy");
        Assert.Equal((0.19m, "baseline", new DateOnly(2008, 10, 1)), (before.Value, before.Kind, before.FromDate));
        Assert.Contains("19 pct.", before.SourceQuote, StringComparison.Ordinal);
        Assert.Equal(1160m, baselines.Single(b => b.Id == "reported-2009-social-plans").Value);
    }

    [Fact]
    public async Task LoadAsync_LoadedTwice_ChangesNoStateAndAddsNothing()
    {
        await using var scope = worker.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();

        Assert.Equal((0, 0), (report.Added, report.Retired));
        Assert.Equal(1, await db.Set<MilestoneState>().CountAsync(s => s.MilestoneId == "1.2a-hotline-oprettet" && s.Sequence == 1));
    }

    [Fact]
    public async Task ViewsAsOfAsync_ShowsTheStatusKnownThatDay_NotToday()
    {
        var march2010 = await AsOfAsync("1.2b-entydig-indgang", new DateOnly(2010, 3, 3));
        var july2010 = await AsOfAsync("1.2b-entydig-indgang", new DateOnly(2010, 7, 1));
        var greenLine = await AsOfAsync("1.2c-groen-linie-ivaerksat", new DateOnly(2010, 3, 3));

        Assert.Equal((MilestoneStatus.InProgress, new DateOnly(2009, 8, 31)), (march2010!.Status, march2010.DueDate));
        Assert.Equal(MilestoneStatus.Done, july2010!.Status);
        Assert.Equal((MilestoneStatus.Delayed, new DateOnly(2010, 6, 30), new DateOnly(2009, 8, 31)), (greenLine!.Status, greenLine.DueDate, greenLine.OriginalDueDate));
    }

    /// <summary>The days on which the plan can change: every statement's day, and the strategy's last day.</summary>
    private async Task<List<DateOnly>> StatementDaysAsync()
    {
        await using var scope = worker.Scope();
        var days = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().Set<MilestoneState>().Select(s => s.AsOf).Distinct().ToListAsync();
        return [.. days.Append(new DateOnly(2011, 12, 31)).Distinct().Order()];
    }

    [Fact]
    public async Task ViewsAsOfAsync_ShowsEveryHistoryNote_OnTheDayItWasStated()
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var noted = await db.Set<MilestoneState>().AsNoTracking().Where(s => s.Note != null).ToListAsync();

        // A note is shown on the day it was stated and still on the day its source document became known: an entry
        // dated before its document (a decision the later evaluation dates) must not be hidden by that document's
        // other entries from the day the document is known, i.e. visible only in the days between.
        var documentKnown = CatalogueFile.Read(Repository.Catalogue).Documents.ToDictionary(d => d.Title!, d => d.AsOf, StringComparer.Ordinal);

        Assert.True(noted.Count > 10, $"only {noted.Count} notes");
        var hidden = new List<string>();
        foreach (var state in noted)
        {
            var known = documentKnown[state.SourceDocument];
            foreach (var day in new[] { state.AsOf, known > state.AsOf ? known : state.AsOf }.Distinct())
            {
                var plan = await db.ViewsAsOfAsync(day, CancellationToken.None);
                if (plan.Milestones.SingleOrDefault(m => m.Id == state.MilestoneId)?.Note?.Contains(state.Note!, StringComparison.Ordinal) != true)
                {
                    hidden.Add($"{state.MilestoneId}: »{state.Note}« is not shown on {day:yyyy-MM-dd}");
                }
            }
        }

        Assert.True(hidden.Count == 0, string.Join(Environment.NewLine, hidden));
    }

    [Fact]
    public async Task ViewsAsOfAsync_ShowsNothingDone_BeforeItsDate_OnAnyDay()
    {
        // A status is shown from the day a statement is known; nothing the sources date later can be done before then.
        var early = new List<string>();
        foreach (var day in await StatementDaysAsync())
        {
            await using var scope = worker.Scope();
            var plan = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().ViewsAsOfAsync(day, CancellationToken.None);
            early.AddRange(plan.Milestones.Where(m => m.Status == MilestoneStatus.Done && m.DueDate > day && m.StatusSource != "svar fra den ansvarlige")
                .Select(m => $"{m.Id}: done on {day:yyyy-MM-dd}, dated {m.DueDate:yyyy-MM-dd}"));
        }

        Assert.True(early.Count == 0, string.Join(Environment.NewLine, early));
    }

    [Fact]
    public async Task ViewsAsOfAsync_LeavesOutAMilestoneNoSourceHadNamedYet()
    {
        Assert.Null(await AsOfAsync("1.1-vejviser-udgivet", new DateOnly(2010, 3, 3)));
        Assert.NotNull(await AsOfAsync("1.1-vejviser-udgivet", new DateOnly(2010, 7, 1)));
        Assert.Equal(MilestoneStatus.Planned, (await AsOfAsync("1.2a-hotline-oprettet", new DateOnly(2009, 6, 1)))!.Status);
    }

    [Fact]
    public async Task ViewsAsOfAsync_AppliesAnOwnersAnswer_FromTheDayItWasGiven()
    {
        const string milestone = "5.2-handleplaner-2011";
        await using (var scope = worker.Scope())
        {
            var answers = ActivatorUtilities.CreateInstance<MilestoneAnswers>(scope.ServiceProvider, (TimeProvider)new FixedClock(new DateOnly(2011, 12, 20), new TimeOnly(10, 0)));
            Assert.Equal(AnswerOutcome.Recorded, await answers.RecordAsync(new AnswerTicket(milestone, "sof", AnswerAction.Done, DateTimeOffset.MaxValue), null, null, CancellationToken.None));
        }

        Assert.Equal(MilestoneStatus.Planned, (await AsOfAsync(milestone, new DateOnly(2011, 12, 19)))!.Status);
        Assert.Equal(MilestoneStatus.Done, (await AsOfAsync(milestone, new DateOnly(2011, 12, 20)))!.Status);
    }

    [Fact]
    public async Task LoadAsync_RefusesInProduction_NamingTheOwnerAndTheVariable_WhilePlaceholdersAreLeft()
    {
        await using var scope = worker.Scope();

        var ex = await Assert.ThrowsAsync<CatalogueException>(() => Loader(scope.ServiceProvider, Environments.Production).LoadAsync(Repository.Catalogue, CancellationToken.None));

        Assert.Contains("owner 'okf-kec' (Økonomiforvaltningen (ØKF) og Københavns Erhvervscenter (KEC)) has the placeholder address okf-kec@bifsof.example.dk", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Catalogue__Owners__N__Key=okf-kec and Catalogue__Owners__N__Email", ex.Message, StringComparison.Ordinal);
        Assert.Contains("address 'special-unit'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LoadsInProduction_WhenConfigurationGivesEveryAddress_AndInDevelopmentWithPlaceholders()
    {
        var document = CatalogueFile.Read(Repository.Catalogue);
        var settings = new Dictionary<string, string?>();
        var n = 0;
        foreach (var owner in document.Owners)
        {
            settings[$"Catalogue:Owners:{n}:Key"] = owner.Key;
            settings[$"Catalogue:Owners:{n++}:Email"] = $"{owner.Key}@kk.dk";
        }

        n = 0;
        foreach (var address in document.Addresses)
        {
            settings[$"Catalogue:Addresses:{n}:Key"] = address.Key;
            settings[$"Catalogue:Addresses:{n++}:Email"] = $"adresse{n}@kk.dk";
        }

        await using var scope = worker.Scope();
        await Loader(scope.ServiceProvider, Environments.Production, settings).LoadAsync(Repository.Catalogue, CancellationToken.None);
        await Loader(scope.ServiceProvider, Environments.Development).LoadAsync(Repository.Catalogue, CancellationToken.None);
    }
}
