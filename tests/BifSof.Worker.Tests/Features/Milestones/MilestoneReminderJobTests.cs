using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>
/// The job through <c>run milestone-reminders --as-of</c>, on the catalogue transcribed from the seeds. Each test
/// replays its own days, so each gets a database of its own.
/// </summary>
public class MilestoneReminderJobTests : IAsyncLifetime
{
    private readonly WorkerServices _worker = new();

    private const string GreenLine = "1.2c-groen-linie-forslag-styregruppe";

    // The green line's owner gets an address of this test run's own, so the shared mail sink holds only ours.
    private readonly string _greenLineOwner = $"sof-bif-{Guid.NewGuid():N}@test.example.dk";

    private WorkerSettings Settings() => new WorkerSettings(_worker.Database.ConnectionString).With("Catalogue:Owners:sof-bif:Email", _greenLineOwner);

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(Settings(), "catalogue", "load")).ExitCode);
    }

    public Task DisposeAsync() => _worker.DisposeAsync();

    private async Task<CliResult> RunAsync(string asOf)
    {
        var result = await CliRun.RunAsync(Settings(), "run", "milestone-reminders", "--as-of", asOf);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        return result;
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        await using var scope = _worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages
            .Where(m => m.BusinessKey.StartsWith(prefix))
            .Select(m => m.BusinessKey)
            .ToListAsync();
    }

    private async Task AnswerAsync(string milestoneId, AnswerAction action, DateOnly today, DateOnly? newDate = null)
    {
        await using var scope = _worker.Scope();
        var answers = ActivatorUtilities.CreateInstance<MilestoneAnswers>(scope.ServiceProvider, (TimeProvider)new FixedClock(today, new TimeOnly(10, 0)));
        var outcome = await answers.RecordAsync(new AnswerTicket(milestoneId, "owner", action, DateTimeOffset.MaxValue), newDate, null, CancellationToken.None);
        Assert.Equal(AnswerOutcome.Recorded, outcome);
    }

    [Fact]
    public async Task Run_OnThirdOfMarch2010_RemindsTheGreenLineOwnerFourteenDaysAhead_OnceOnly_WithHtmlTextAndCalendar()
    {
        var first = await RunAsync("2010-03-03");
        var second = await RunAsync("2010-03-03");

        Assert.Contains($"milestone-reminder:{GreenLine}:2010-03-17:before14:2010-03-03", await KeysAsync($"milestone-reminder:{GreenLine}:"));
        Assert.Contains("0 var lagt der før", first.Out, StringComparison.Ordinal);
        Assert.Contains(" 0 e-mails lagt i udbakken", second.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(Settings(), "dispatch")).ExitCode);
        using var mailDev = MailDevClient.Shared();
        var email = Assert.Single(await mailDev.WaitForAsync(_greenLineOwner, 1));
        Assert.Equal("Påmindelse: frist om 14 dage – Forslag til udmøntning af grøn linie forelægges styregruppen", email.Subject);
        Assert.Contains("17. marts 2010", email.Html, StringComparison.Ordinal);
        Assert.Contains("1.2c", email.Text, StringComparison.Ordinal);
        Assert.Contains("SOF/BIF (fælles)", email.Text, StringComparison.Ordinal);
        Assert.Contains("/milepaele/1.2c-groen-linie-forslag-styregruppe/svar?t=", email.Html, StringComparison.Ordinal);
        var calendar = Assert.Single(email.Attachments!);
        Assert.Equal(("frist.ics", "text/calendar"), (calendar.FileName, calendar.ContentType));
    }

    [Fact]
    public async Task Run_SendsNoMoreReminders_ForAMilestoneAnsweredDone()
    {
        const string milestone = "1.4-forslag-styregruppe";
        await RunAsync("2010-03-03");
        await AnswerAsync(milestone, AnswerAction.Done, new DateOnly(2010, 3, 5));

        await RunAsync("2010-03-14");
        await RunAsync("2010-03-17");

        Assert.Equal([$"milestone-reminder:{milestone}:2010-03-17:before14:2010-03-03"], await KeysAsync($"milestone-reminder:{milestone}:"));
    }

    [Fact]
    public async Task Run_RetimesTheReminders_ToANewDateAnOwnerGave()
    {
        const string milestone = "1.4-forslag-styregruppe"; // due 17 March 2010, still open in the catalogue's latest state
        await AnswerAsync(milestone, AnswerAction.NewDate, new DateOnly(2010, 3, 5), new DateOnly(2010, 5, 3));

        await RunAsync("2010-04-19");

        Assert.Contains($"milestone-reminder:{milestone}:2010-05-03:before14:2010-04-19", await KeysAsync($"milestone-reminder:{milestone}:"));
        await using var scope = _worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var stored = await db.Milestones.SingleAsync(m => m.Id == milestone);
        Assert.Equal((new DateOnly(2010, 5, 3), Worker.Features.Catalogue.MilestoneStatus.Delayed, true), (stored.DueDate, stored.Status, stored.ReportedByOwner));
        var history = await db.MilestoneAnswers.SingleAsync(a => a.MilestoneId == milestone);
        Assert.Equal((new DateOnly(2010, 3, 17), new DateOnly(2010, 5, 3)), (history.PreviousDueDate, history.NewDueDate!.Value));
    }

    [Fact]
    public async Task Run_EscalatesOnce_AfterFourteenDaysOverdue()
    {
        const string milestone = "1.4-arbejdsgruppe-moede"; // due 10 February 2010
        await RunAsync("2010-02-23");
        Assert.Empty(await KeysAsync($"milestone-escalation:{milestone}:"));

        await RunAsync("2010-02-24");
        await RunAsync("2010-03-03");

        Assert.Equal([$"milestone-escalation:{milestone}:2010-02-10"], await KeysAsync($"milestone-escalation:{milestone}:"));
        await using var scope = _worker.Scope();
        var escalation = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.SingleAsync(m => m.BusinessKey == $"milestone-escalation:{milestone}:2010-02-10");
        Assert.Equal(["specialenheden@bifsof.example.dk"], escalation.To);
        Assert.Equal(["bif@bifsof.example.dk"], escalation.Cc);
        Assert.StartsWith("Eskalering: 14 dage over frist", escalation.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SendsTheSpecialUnitOneOverviewAWeek_ListingEveryOverdueMilestone()
    {
        await RunAsync("2010-03-01");
        await RunAsync("2010-03-05");
        await RunAsync("2010-03-08");

        Assert.Equal(["milestone-overview:2010-W09", "milestone-overview:2010-W10"], (await KeysAsync("milestone-overview:")).Order().ToList());
        await using var scope = _worker.Scope();
        var overview = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.SingleAsync(m => m.BusinessKey == "milestone-overview:2010-W09");
        Assert.Equal(["specialenheden@bifsof.example.dk"], overview.To);
        // The working group's first meeting (1.4, due 10 February 2010) is open and overdue on 1 March 2010.
        Assert.Contains("Indledende møde i arbejdsgruppen", overview.TextBody, StringComparison.Ordinal);
        Assert.Contains(DanishFormat.Date(new DateOnly(2010, 2, 10)), overview.TextBody, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Pending, overview.Status);
    }

    [Fact]
    public async Task RecordAsync_RefusesANewDate_WhenItLiesPastTheAnswerWindow_Like9999_12_31()
    {
        const string milestone = "1.4-forslag-styregruppe";
        var today = new DateOnly(2010, 3, 5);
        await using var scope = _worker.Scope();
        var answers = ActivatorUtilities.CreateInstance<MilestoneAnswers>(scope.ServiceProvider, (TimeProvider)new FixedClock(today, new TimeOnly(10, 0)));
        var ticket = new AnswerTicket(milestone, "owner", AnswerAction.NewDate, DateTimeOffset.MaxValue);

        Assert.Equal(AnswerOutcome.Invalid, await answers.RecordAsync(ticket, new DateOnly(9999, 12, 31), null, CancellationToken.None));
        Assert.Equal(AnswerOutcome.Invalid, await answers.RecordAsync(ticket, MilestoneAnswers.LatestNewDate(today).AddDays(1), null, CancellationToken.None));
        Assert.Equal(AnswerOutcome.Recorded, await answers.RecordAsync(ticket, MilestoneAnswers.LatestNewDate(today), null, CancellationToken.None));
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        Assert.Equal(1, await db.MilestoneAnswers.CountAsync(a => a.MilestoneId == milestone));
    }

    [Fact]
    public async Task Run_RemindsEveryOtherOwner_AndReportsTheSkippedMilestone_WhenOneMilestoneIsDueAtInfinity()
    {
        // What an answer of 9999-12-31 left behind before answers were bounded: a due date PostgreSQL stores as 'infinity'.
        const string broken = "1.4-forslag-styregruppe";
        await using (var scope = _worker.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE bifsof.milestones SET due_date = 'infinity' WHERE id = {broken}");
            // The run reads the catalogue's dated history with the owners' answers applied: the answer itself is what it sees.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO bifsof.milestone_answers (milestone_id, owner_key, action, new_due_date, previous_due_date, answered_at) VALUES ({broken}, 'owner', 'NewDate', 'infinity', '2010-02-10', '2010-03-01T09:00:00Z')");
        }

        var result = await RunAsync("2010-03-03");

        Assert.Contains($"milestone-reminder:{GreenLine}:2010-03-17:before14:2010-03-03", await KeysAsync($"milestone-reminder:{GreenLine}:"));
        Assert.NotEmpty(await KeysAsync("milestone-overview:"));
        Assert.Empty(await KeysAsync($"milestone-reminder:{broken}:"));
        Assert.Contains($"1 milepæl sprunget over: {broken}", result.Out, StringComparison.Ordinal);
    }
}
