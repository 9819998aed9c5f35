using System.Text.RegularExpressions;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>
/// The words of every milestone e-mail, as rendered: the real job queues them through the real templates and template
/// engine into the outbox of a real database, and the tests read the stored subject, text and HTML. One milestone per
/// day difference (run day minus due date) from −14 to +21, on a test catalogue of their own. Each test gets a
/// database of its own.
/// </summary>
public partial class ReminderTextsTests : IAsyncLifetime
{
    private readonly WorkerServices _worker = new();

    private const string Owner = "Socialforvaltningen (SOF)";
    private const string OwnerEmail = "sof-test@test.example.dk";
    private const string OtherOwner = "Beskæftigelses- og Integrationsforvaltningen (BIF)";
    private const string OtherOwnerEmail = "bif-test@test.example.dk";
    private const string OtherOwnersEscalation = "bif-chef@test.example.dk";

    // A Wednesday, so nothing depends on the weekend; the date form is checked on 17 March 2010 (d = −14).
    private static readonly DateOnly Today = new(2010, 3, 3);

    private static readonly int[] Differences = [.. Enumerable.Range(-14, 36)];

    public Task InitializeAsync() => _worker.InitializeAsync();

    public Task DisposeAsync() => _worker.DisposeAsync();

    private static string IdFor(int difference) => difference switch
    {
        < 0 => $"foer-{-difference}",
        0 => "frist",
        _ => $"efter-{difference}",
    };

    private static DateOnly DueFor(int difference) => Today.AddDays(-difference);

    private async Task SeedAsync(IEnumerable<int> differences)
    {
        await using var scope = _worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        TestCatalogue.AddSpecialUnit(db);
        TestCatalogue.AddOwner(db, "sof-test", Owner, OwnerEmail, null, "9.1");
        TestCatalogue.AddOwner(db, "bif-test", OtherOwner, OtherOwnerEmail, OtherOwnersEscalation, "9.2");
        foreach (var difference in differences)
        {
            TestCatalogue.AddMilestone(db, IdFor(difference), "9.1", DueFor(difference));
        }

        await db.SaveChangesAsync();
    }

    private async Task<string> RunAsync(DateOnly day, MilestoneOptions? rules = null)
    {
        await using var scope = _worker.Scope();
        var clock = new FixedClock(day, new TimeOnly(7, 0));
        var job = ActivatorUtilities.CreateInstance<MilestoneReminderJob>(scope.ServiceProvider, (TimeProvider)clock, Options.Create(rules ?? new MilestoneOptions()));
        return await job.RunAsync(CancellationToken.None);
    }

    private async Task<List<OutboxMessage>> MessagesAsync(string prefix)
    {
        await using var scope = _worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.BusinessKey.StartsWith(prefix))
            .OrderBy(m => m.Id)
            .ToListAsync();
    }

    private static string Days(int days) => days == 1 ? "1 dag" : $"{DanishFormat.Number(days)} dage";

    /// <summary>The e-mail's words without markup, so the HTML reads like the text.</summary>
    private static string Words(string html) => WebUtilityDecode(Tags().Replace(html, string.Empty));

    private static string WebUtilityDecode(string html) => System.Net.WebUtility.HtmlDecode(html);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\bi dag\b", RegexOptions.IgnoreCase)]
    private static partial Regex TodayWords();

    /// <summary>An opening bracket before the previous one closed: "(Socialforvaltningen (SOF))".</summary>
    [GeneratedRegex(@"\([^()]*\(")]
    private static partial Regex NestedBrackets();

    [GeneratedRegex(@"\b1 dage\b")]
    private static partial Regex OneDays();

    [GeneratedRegex(@"\b\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}\b")]
    private static partial Regex DanishDate();

    /// <summary>
    /// Every day from 14 days before to 21 days after: the reminder days the default rules name (14 and 3 before, on the
    /// day, every 7 after) plus every day before in between, so each difference −14..+21 is rendered; the days after
    /// the due date that the rules do not name are catch-ups (a weekend, an outage) and are worded from the day sent.
    /// </summary>
    private static readonly MilestoneOptions EveryDayBefore = new() { ReminderDaysBefore = [.. Enumerable.Range(1, 14)] };

    [Fact]
    public async Task Run_WordsEveryReminderFromTheActualDayDifference_From14DaysBeforeTo21DaysAfter()
    {
        await SeedAsync(Differences);

        await RunAsync(Today, EveryDayBefore);

        var reminders = await MessagesAsync(ReminderKeys.ReminderPrefix);
        Assert.Equal(Differences.Length, reminders.Count);
        foreach (var difference in Differences)
        {
            var id = IdFor(difference);
            var email = Assert.Single(reminders, m => m.BusinessKey.StartsWith($"{ReminderKeys.ReminderPrefix}{id}:", StringComparison.Ordinal));
            var due = DanishFormat.Date(DueFor(difference));
            var (subject, sentence) = difference switch
            {
                -1 => ("Påmindelse: frist i morgen", $"I morgen, den {due}, er der frist"),
                < 0 => ($"Påmindelse: frist om {Days(-difference)}", $"Om {Days(-difference)}, den {due}, er der frist"),
                0 => ("Påmindelse: frist i dag", $"I dag, den {due}, er der frist"),
                _ => ($"Påmindelse: {Days(difference)} over fristen", $"var den {due}. Den er nu {Days(difference)} over fristen."),
            };
            var html = Words(email.HtmlBody);
            var context = $"d = {difference}: {email.Subject}";
            Assert.True(email.Subject == $"{subject} – Testmilepæl {id}", context);
            Assert.True(email.TextBody.Contains(sentence, StringComparison.Ordinal), context);
            Assert.True(html.Contains(sentence, StringComparison.Ordinal), context);
            Assert.True(difference == 0 || !TodayWords().IsMatch(email.Subject + email.TextBody + html), $"{context}: 'i dag' on another day than the due date");
            Assert.False(OneDays().IsMatch(email.Subject + email.TextBody + html), context);
            Assert.True(email.TextBody.StartsWith($"Til {Owner}, ansvarlig for initiativ 9.1\n", StringComparison.Ordinal), context);
            Assert.True(html.Contains($"Til {Owner}, ansvarlig for initiativ 9.1", StringComparison.Ordinal), context);
            Assert.False(NestedBrackets().IsMatch(email.TextBody + html), $"{context}: a bracket inside a bracket");
            Assert.DoesNotContain("Kære", email.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("stopper eller flyttes", email.TextBody, StringComparison.Ordinal);
            Assert.Matches(DanishDate(), due);
        }

        var first = Assert.Single(reminders, m => m.BusinessKey.Contains(":foer-14:", StringComparison.Ordinal));
        Assert.Contains("den 17. marts 2010, er der frist", first.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SendsNothingForAnEvent_OnAnyDayDifference_From14DaysBeforeTo21DaysAfter()
    {
        // The same days as the deadlines above, as events (dated facts, no one's deadline): no reminder on any day
        // difference, no escalation from 14 days on, and nothing in the weekly overview.
        await using (var scope = _worker.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            TestCatalogue.AddSpecialUnit(db);
            TestCatalogue.AddOwner(db, "sof-test", Owner, OwnerEmail, null, "9.1");
            foreach (var difference in Differences)
            {
                TestCatalogue.AddMilestone(db, IdFor(difference), "9.1", DueFor(difference), kind: BifSof.Worker.Features.Catalogue.MilestoneKind.Event);
            }

            await db.SaveChangesAsync();
        }

        var report = await RunAsync(Today, EveryDayBefore);

        Assert.Empty(await MessagesAsync(string.Empty));
        Assert.StartsWith($"{DanishFormat.Date(Today)}: 0 åbne milepæle, 0 over frist; 0 e-mails", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SendsTheDueDaysReminderAsOneDayOverdue_WhenTheDueDateWasASunday()
    {
        // 31 July 2011 is a Sunday: the job first runs on Monday 1 August, one day after the deadline.
        var sunday = new DateOnly(2011, 7, 31);
        await using (var scope = _worker.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            TestCatalogue.AddSpecialUnit(db);
            TestCatalogue.AddOwner(db, "sof-test", Owner, OwnerEmail, null, "9.1");
            TestCatalogue.AddMilestone(db, "soendag", "9.1", sunday);
            await db.SaveChangesAsync();
        }

        await RunAsync(new DateOnly(2011, 8, 1));

        var email = Assert.Single(await MessagesAsync(ReminderKeys.ReminderPrefix));
        Assert.Equal("milestone-reminder:soendag:2011-07-31:due:2011-07-31", email.BusinessKey);
        Assert.Equal("Påmindelse: 1 dag over fristen – Testmilepæl soendag", email.Subject);
        Assert.Contains("var den 31. juli 2011. Den er nu 1 dag over fristen.", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotMatch(TodayWords(), email.Subject + email.TextBody + Words(email.HtmlBody));
    }

    [Fact]
    public async Task Run_WordsEveryEscalationFromTheDaysOverdue_AndNamesTheRecipientItGoesTo_From14To21DaysAfter()
    {
        await SeedAsync(Differences);
        await using (var scope = _worker.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            TestCatalogue.AddMilestone(db, "bif-efter-14", "9.2", DueFor(14));
            await db.SaveChangesAsync();
        }

        await RunAsync(Today);

        var escalations = await MessagesAsync("milestone-escalation:");
        Assert.Equal(
            Differences.Where(d => d >= 14).Select(IdFor).Append("bif-efter-14").Order(StringComparer.Ordinal).ToList(),
            escalations.Select(m => m.BusinessKey.Split(':')[1]).Order(StringComparer.Ordinal).ToList());
        foreach (var difference in Differences.Where(d => d >= 14))
        {
            var id = IdFor(difference);
            var email = Assert.Single(escalations, m => m.BusinessKey.StartsWith($"milestone-escalation:{id}:", StringComparison.Ordinal));
            var context = $"d = {difference}: {email.Subject}";
            Assert.True(email.Subject == $"Eskalering: {Days(difference)} over fristen – 9.1 Testmilepæl {id}", context);
            foreach (var body in new[] { email.TextBody, Words(email.HtmlBody) })
            {
                Assert.True(body.Contains($"Til {TestCatalogue.SpecialUnitName}", StringComparison.Ordinal), context);
                Assert.True(body.Contains($"er nu {Days(difference)} over fristen og ikke meldt udført", StringComparison.Ordinal), context);
                Assert.True(body.Contains(DanishFormat.Date(DueFor(difference)), StringComparison.Ordinal), context);
                Assert.True(body.Contains($"{Owner} – {OwnerEmail}", StringComparison.Ordinal), context); // not "(SOF) (sof@…)"

                // Nothing was sent before this run: the first reminder goes out in the same batch.
                Assert.True(body.Contains("har ikke fået påmindelser om fristen før; den første sendes samtidig med denne e-mail", StringComparison.Ordinal), context);
                Assert.False(body.Contains("har fået", StringComparison.Ordinal), context);
                Assert.False(TodayWords().IsMatch(body) || OneDays().IsMatch(body), context);
            }

            Assert.Equal([TestCatalogue.SpecialUnitEmail], email.To);
            Assert.Equal([OwnerEmail], email.Cc);
        }

        var elsewhere = Assert.Single(escalations, m => m.BusinessKey.StartsWith("milestone-escalation:bif-efter-14:", StringComparison.Ordinal));
        Assert.Equal([OtherOwnersEscalation], elsewhere.To);
        Assert.Equal([OtherOwnerEmail], elsewhere.Cc);
        Assert.StartsWith($"Til den, der modtager eskaleringer for {OtherOwner}", elsewhere.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Specialenheden", elsewhere.TextBody.Split("\n--", 2)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WordsTheEscalationFromTheRemindersSentBefore_WhenTheOwnerWasRemindedOnTheScheduledDays()
    {
        await SeedAsync([14]);
        var due = DueFor(14);
        foreach (var day in new[] { due.AddDays(-14), due.AddDays(-3), due, due.AddDays(7) })
        {
            await RunAsync(day);
        }

        await RunAsync(Today);

        var escalation = Assert.Single(await MessagesAsync("milestone-escalation:"));
        Assert.Contains("Den ansvarlige har fået 4 påmindelser om fristen og får en ny samtidig med denne e-mail.", escalation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Den ansvarlige har fået 4 påmindelser om fristen og får en ny samtidig med denne e-mail.", Words(escalation.HtmlBody), StringComparison.Ordinal);
        Assert.Equal(5, (await MessagesAsync(ReminderKeys.ReminderPrefix)).Count);
    }

    [Fact]
    public async Task Run_ListsEveryOverdueMilestoneWithItsDaysOverdue_InTheOverview_From1To21DaysAfter()
    {
        await SeedAsync(Differences);

        await RunAsync(Today);

        var overview = Assert.Single(await MessagesAsync("milestone-overview:"));
        var overdue = Differences.Where(d => d > 0).ToList();
        Assert.Equal($"Ugeoversigt uge 9: {overdue.Count} milepæle over frist", overview.Subject);
        var html = Words(overview.HtmlBody);
        Assert.StartsWith($"Til {TestCatalogue.SpecialUnitName}", overview.TextBody, StringComparison.Ordinal);
        Assert.Contains($"opgjort {DanishFormat.Date(Today)}", overview.TextBody, StringComparison.Ordinal);
        foreach (var difference in Differences)
        {
            var id = IdFor(difference);
            var due = DanishFormat.Date(DueFor(difference));
            var line = $"Ansvarlig: {Owner} · frist {due} · {Days(difference)} over fristen · Planlagt";
            if (difference > 0)
            {
                Assert.True(overview.TextBody.Contains($"- 9.1 Testmilepæl {id}\n  {line}", StringComparison.Ordinal), $"d = {difference}");
                Assert.True(html.Contains($"Testmilepæl {id}{Owner}{due}{DanishFormat.Number(difference)}Planlagt", StringComparison.Ordinal), $"d = {difference}");
            }
            else
            {
                Assert.False(overview.TextBody.Contains($"Testmilepæl {id}\n", StringComparison.Ordinal), $"d = {difference}");
            }
        }

        Assert.DoesNotMatch(TodayWords(), overview.TextBody + html);
        Assert.DoesNotMatch(OneDays(), overview.TextBody + html);
    }
}
