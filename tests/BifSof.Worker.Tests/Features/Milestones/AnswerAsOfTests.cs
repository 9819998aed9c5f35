using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>
/// The answer page and the answer service judge a milestone as the reminder job does: as known on the domain clock's
/// today, with the real catalogue, whose stored status is the mid-2010 evaluation's verdict.
/// </summary>
public sealed class AnswerAsOfTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime
{
    private static readonly DateOnly DemoDay = new(2010, 3, 3);

    public async Task InitializeAsync()
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("1.2b-entydig-indgang")]
    [InlineData("1.3-advissystem")]
    [InlineData("3.3b-kortlaegning-strategi")]
    public async Task OnTheDemoDay_TheAnswerPageShowsTheOpenStatus_ThatDaysReminderJudgedFrom(string id)
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var stored = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id);
        var reminded = (await db.ViewsAsOfAsync(DemoDay, CancellationToken.None, everyAnswer: true)).Milestones.Single(m => m.Id == id);

        var page = await db.ViewAsOfAsync(id, DemoDay, CancellationToken.None);

        Assert.Equal(MilestoneStatus.Done, stored.Status);
        Assert.True(reminded.IsOpen);
        Assert.Equal((reminded.Status, reminded.DueDate, true), (page!.Status, page.DueDate, page.IsOpen));
    }
}

/// <summary>
/// An owner's answer on the demo day, in a database of its own: the answer stays in the class's database, and the
/// class above asserts the same milestone is still open.
/// </summary>
public sealed class AnswerAsOfRecordTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime
{
    private static readonly DateOnly DemoDay = new(2010, 3, 3);

    public async Task InitializeAsync()
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OnTheDemoDay_AnOwnerCanMarkAMilestoneDone_ThatTheLaterEvaluationCallsDone()
    {
        const string id = "1.3-advissystem";
        await using var scope = worker.Scope();
        var clock = new FixedClock(DemoDay, new TimeOnly(9, 0));
        var answers = ActivatorUtilities.CreateInstance<MilestoneAnswers>(scope.ServiceProvider, (TimeProvider)clock);
        var ticket = new AnswerTicket(id, "owner", AnswerAction.Done, clock.GetUtcNow().AddDays(30));

        var outcome = await answers.RecordAsync(ticket, null, null, CancellationToken.None);

        Assert.Equal(AnswerOutcome.Recorded, outcome);
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var after = (await db.ViewsAsOfAsync(DemoDay, CancellationToken.None, everyAnswer: true)).Milestones.Single(m => m.Id == id);
        Assert.Equal((MilestoneStatus.Done, "svar fra den ansvarlige"), (after.Status, after.StatusSource));
        Assert.False(after.IsChased);
    }
}
