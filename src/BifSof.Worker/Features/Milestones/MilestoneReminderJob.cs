using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Common.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// The <c>milestone-reminders</c> job (weekday mornings): reminders to owners, escalations, and the special unit's
/// weekly overview of overdue milestones. Everything goes to the outbox in one transaction; each e-mail's business
/// key names the milestone, its due date, the kind and the scheduled day, so a re-run queues nothing twice.
/// </summary>
public sealed class MilestoneReminderJob(
    BifSofDbContext db,
    Outbox outbox,
    AnswerLinks links,
    IOptions<MilestoneOptions> options,
    TimeProvider clock,
    ILogger<MilestoneReminderJob> logger) : IWorkerJob
{
    [JobDisplayName("Påmind ansvarlige om milepæle")]
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var today = Copenhagen.Today(clock);
        var specialUnit = await db.CatalogueAddresses.AsNoTracking()
            .Where(a => a.Key == CatalogueAddress.SpecialUnit && a.InCatalogue)
            .Select(a => new Recipient(a.Name, a.Email))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The catalogue has no '{CatalogueAddress.SpecialUnit}' address: load a catalogue that lists it.");
        // The catalogue as known on the run's day (its dated history: no reminder for a deadline no source had set yet,
        // and one for a milestone a later document closed), with every answer the owners have given: a replayed day or
        // the demo reminds as that day would have, and never someone who has answered. On the real date this is the
        // stored state. An event (a dated fact, not a deadline) is never reminded, escalated or listed as overdue.
        var open = (await db.ViewsAsOfAsync(today, cancellationToken, everyAnswer: true)).Milestones.Where(m => m.IsChased).ToList();
        var dateChanges = await db.MilestoneAnswers
            .Where(a => a.Action == AnswerAction.NewDate)
            .GroupBy(a => a.MilestoneId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        // Counted once, before this run queues anything: every reminder earlier runs queued (and did not give up on),
        // by milestone and due date.
        var earlier = (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.BusinessKey.StartsWith(ReminderKeys.ReminderPrefix) && m.Status != OutboxStatus.Dead)
                .Select(m => m.BusinessKey)
                .ToListAsync(cancellationToken))
            .CountBy(key => key[..(key.LastIndexOf(':', key.LastIndexOf(':') - 1) + 1)], StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);

        var queued = 0;
        var considered = 0;
        var skipped = new List<string>();
        // The job's advisory lock (Data/JobTransactions): two runs at once (two servers, a retry, `run` by hand) take turns.
        await using var transaction = await db.BeginJobTransactionAsync("milestone-reminders", cancellationToken);
        foreach (var milestone in open)
        {
            // One milestone whose e-mails cannot be made (a date at the edge of the calendar, say) is reported and
            // skipped; it must not cost every other owner their reminder. The savepoint undoes its half-queued part.
            await transaction.CreateSavepointAsync(SavepointName, cancellationToken);
            var (milestoneConsidered, milestoneQueued) = (0, 0);
            try
            {
                var calendar = Calendar(milestone, dateChanges.GetValueOrDefault(milestone.Id));
                var escalate = ReminderSchedule.IsEscalationDue(milestone.DueDate, today, rules);

                // What the escalation may say the owner has had: the reminders of this due date that earlier runs
                // queued, not one that goes out in the same batch.
                var earlierReminders = earlier.GetValueOrDefault(DuePrefix(milestone));
                var reminderNow = false;
                if (ReminderSchedule.ForDay(milestone.DueDate, today, rules) is { } reminder)
                {
                    milestoneConsidered++;
                    reminderNow = await outbox.EnqueueAsync(Reminder(milestone, reminder, calendar), cancellationToken);
                    milestoneQueued += reminderNow ? 1 : 0;
                }

                if (escalate)
                {
                    milestoneConsidered++;
                    milestoneQueued += await outbox.EnqueueAsync(Escalation(milestone, today, specialUnit, earlierReminders, reminderNow, calendar), cancellationToken) ? 1 : 0;
                }
            }
            catch (Exception exception) when (IsMilestoneFault(exception))
            {
                await transaction.RollbackToSavepointAsync(SavepointName, cancellationToken);
                MilestoneLog.Skipped(logger, exception, milestone.Id, today);
                skipped.Add(milestone.Id);
                continue;
            }

            await transaction.ReleaseSavepointAsync(SavepointName, cancellationToken);
            considered += milestoneConsidered;
            queued += milestoneQueued;
        }

        var overdue = open.Where(m => m.DueDate < today && !skipped.Contains(m.Id)).OrderBy(m => m.DueDate).ThenBy(m => m.InitiativeNumber, StringComparer.Ordinal).ToList();
        if (overdue.Count > 0)
        {
            considered++;
            queued += await outbox.EnqueueAsync(Overview(overdue, today, specialUnit), cancellationToken) ? 1 : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        MilestoneLog.Reminded(logger, today, queued, considered - queued);
        var report = string.Create(CultureInfo.InvariantCulture, $"{DanishFormat.Date(today)}: {DanishFormat.Number(open.Count)} åbne milepæle, {DanishFormat.Number(overdue.Count)} over frist; {DanishFormat.Number(queued)} e-mails lagt i udbakken, {DanishFormat.Number(considered - queued)} var lagt der før");
        return skipped.Count == 0
            ? report
            : string.Create(CultureInfo.InvariantCulture, $"{report}; {DanishFormat.Number(skipped.Count)} {(skipped.Count == 1 ? "milepæl" : "milepæle")} sprunget over: {string.Join(", ", skipped)}");
    }

    private const string SavepointName = "milestone";

    /// <summary>
    /// The faults of one milestone's own e-mails, which skip it: a date outside the calendar's range
    /// (<see cref="ArgumentOutOfRangeException"/> and other argument faults), a format or an overflow, a template
    /// that cannot render its values. Not <see cref="InvalidOperationException"/>: EF Core and Npgsql raise it for a broken
    /// connection or transaction, which is no milestone's fault and must fail the run (Hangfire then retries it).
    /// </summary>
    internal static bool IsMilestoneFault(Exception exception) =>
        exception is ArgumentException or FormatException or OverflowException or Scriban.Syntax.ScriptRuntimeException;

    /// <summary>A recipient as the e-mail greets it.</summary>
    internal sealed record Recipient(string Name, string Email);

    /// <summary><c>milestone-reminder:ID:DUE:</c>, the part of a reminder's key before its kind and scheduled day.</summary>
    private static string DuePrefix(MilestoneView milestone) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReminderKeys.ReminderPrefix}{milestone.Id}:{milestone.DueDate:yyyy-MM-dd}:");

    internal OutgoingEmail Reminder(MilestoneView milestone, ScheduledReminder reminder, EmailAttachment calendar)
    {
        // The key keeps the schedule's kind (so a re-run finds it); the words follow the day it is sent.
        var key = ReminderKeys.Reminder(milestone, reminder, reminder.Kind switch
        {
            ReminderKind.Before => "before",
            ReminderKind.DueToday => "due",
            _ => "overdue",
        });
        var model = new
        {
            Kind = reminder.Wording switch
            {
                ReminderKind.Before => "before",
                ReminderKind.DueToday => "due",
                _ => "overdue",
            },
            Days = Math.Abs(reminder.DaysLeft),
            Initiative = new { Number = milestone.InitiativeNumber, Title = milestone.InitiativeTitle, milestone.PartTitle },
            Milestone = Describe(milestone),
            Owner = new { Name = milestone.OwnerName },
            Links = new
            {
                Done = links.Create(milestone.Id, milestone.OwnerKey, AnswerAction.Done).ToString(),
                NewDate = links.Create(milestone.Id, milestone.OwnerKey, AnswerAction.NewDate).ToString(),
                Comment = links.Create(milestone.Id, milestone.OwnerKey, AnswerAction.Comment).ToString(),
            },
            LinksExpire = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(links.ExpiresAt(), Copenhagen.TimeZone).DateTime),
        };
        return new OutgoingEmail(key, "milestone-reminder", model, [milestone.OwnerEmail], Attachments: [calendar]);
    }

    internal static OutgoingEmail Escalation(MilestoneView milestone, DateOnly today, Recipient specialUnit, int earlierReminders, bool reminderNow, EmailAttachment calendar)
    {
        // Escalated to the owner's own escalation address when it has one; the greeting names who that is.
        var recipient = milestone.EscalationEmail is { } escalation
            ? new Recipient($"den, der modtager eskaleringer for {milestone.OwnerName}", escalation)
            : specialUnit;
        var model = new
        {
            DaysOverdue = milestone.DaysOverdue(today),
            Recipient = new { recipient.Name },
            EarlierReminders = earlierReminders,
            ReminderNow = reminderNow,
            Initiative = new { Number = milestone.InitiativeNumber, Title = milestone.InitiativeTitle, milestone.PartTitle },
            Milestone = Describe(milestone),
            Owner = new { Name = milestone.OwnerName, Email = milestone.OwnerEmail },
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"milestone-escalation:{milestone.Id}:{milestone.DueDate:yyyy-MM-dd}");
        return new OutgoingEmail(key, "milestone-escalation", model, [recipient.Email], [milestone.OwnerEmail], [calendar]);
    }

    private static OutgoingEmail Overview(List<MilestoneView> overdue, DateOnly today, Recipient specialUnit)
    {
        var week = ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
        var year = ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue));
        var model = new
        {
            Week = week,
            Year = year,
            Today = today,
            Recipient = new { specialUnit.Name },
            Count = overdue.Count,
            Items = overdue.Select(m => new
            {
                Initiative = new { Number = m.InitiativeNumber, Title = m.InitiativeTitle },
                Milestone = Describe(m),
                Owner = new { Name = m.OwnerName },
                DaysOverdue = m.DaysOverdue(today),
            }).ToList(),
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"milestone-overview:{year}-W{week:00}");
        return new OutgoingEmail(key, "milestone-overview", model, [specialUnit.Email]);
    }

    private static object Describe(MilestoneView milestone) =>
        new
        {
            milestone.Id,
            milestone.Title,
            Due = milestone.DueDate,
            // The source's own wording ("foråret 2010") only where it says more than the date itself.
            DueText = milestone.DueText is { } text && text != DanishFormat.Date(milestone.DueDate) ? text : string.Empty,
            Status = milestone.StatusLabel,
        };

    internal EmailAttachment Calendar(MilestoneView milestone, int dateChanges) =>
        new(
            "frist.ics",
            "text/calendar; charset=utf-8; method=PUBLISH",
            MilestoneCalendar.Create(
                milestone.Id,
                $"Frist: {milestone.Title}",
                $"Initiativ {milestone.InitiativeNumber} {milestone.InitiativeTitle}. Ansvarlig: {milestone.OwnerName}.",
                milestone.DueDate,
                dateChanges,
                clock.GetUtcNow()));
}
