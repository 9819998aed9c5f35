using System.Text.RegularExpressions;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>
/// Every deadline of the shipped catalogue, loaded by the real loader, rendered through the real reminder and
/// escalation templates as it stood on every day a source speaks: the source's own wording of a date ("den 17. marts")
/// sits in one pair of brackets after the date, never a bracket inside a bracket.
/// </summary>
public sealed partial class RealCatalogueTextsTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(Repository.Catalogue, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"\([^()]*\(")]
    private static partial Regex NestedBrackets();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [Fact]
    public async Task EveryDeadline_ReadsWithoutABracketInsideABracket_InItsReminderAndEscalation_OnEveryDayASourceSpeaks()
    {
        await using var scope = worker.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var templates = scope.ServiceProvider.GetRequiredService<MailTemplates>();
        var job = ActivatorUtilities.CreateInstance<MilestoneReminderJob>(scope.ServiceProvider, (TimeProvider)new FixedClock(new DateOnly(2010, 3, 3), new TimeOnly(7, 0)), Options.Create(new MilestoneOptions()));
        var days = (await db.Set<MilestoneState>().Select(s => s.AsOf).Distinct().ToListAsync()).Append(new DateOnly(2011, 12, 31)).Distinct().Order();
        var specialUnit = new MilestoneReminderJob.Recipient("Specialenheden BIF-SOF", "specialenheden@test.example.dk");

        var rendered = 0;
        var dueTexts = new HashSet<string>(StringComparer.Ordinal);
        var nested = new List<string>();
        foreach (var day in days)
        {
            var plan = await db.ViewsAsOfAsync(day, CancellationToken.None);
            foreach (var milestone in plan.Milestones.Where(m => !m.IsEvent))
            {
                dueTexts.Add(milestone.DueText ?? string.Empty);
                var calendar = job.Calendar(milestone, 0);
                var emails = new[]
                {
                    job.Reminder(milestone, new ScheduledReminder(ReminderKind.DueToday, milestone.DueDate, 0, 0), calendar),
                    MilestoneReminderJob.Escalation(milestone, milestone.DueDate.AddDays(15), specialUnit, 2, true, calendar),
                };
                foreach (var email in emails)
                {
                    var text = templates.Render(email.Template, email.Model);
                    rendered++;
                    var words = text.Text + "\n" + System.Net.WebUtility.HtmlDecode(Tags().Replace(text.Html, " "));
                    if (NestedBrackets().IsMatch(words))
                    {
                        nested.Add($"{day:yyyy-MM-dd} {milestone.Id} ({email.Template}): {NestedBrackets().Match(words).Value}");
                    }
                }
            }
        }

        Assert.True(rendered > 100, $"only {rendered} e-mails rendered");
        Assert.True(nested.Count == 0, string.Join(Environment.NewLine, nested.Distinct()));
        Assert.Contains("den 17. marts", dueTexts); // 1.4's proposal: the reminder the reviewer read
    }
}
