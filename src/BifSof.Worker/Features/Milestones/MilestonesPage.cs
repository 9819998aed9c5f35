using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// "Milepæle": every initiative's milestones with status, due date, the last answer and the reminders sent;
/// overdue ones first, most overdue at the top. "?pr=2010-03-03" shows the plan as it stood that day: the status,
/// date and outcome the sources had given by then (the catalogue's dated history), the answers given by then and
/// the reminders the outbox had sent by the end of that day; milestones no source had named yet are left out.
/// An event (a dated fact of the sources, not a deadline) shows its date and "dato – ingen frist", never overdue.
/// </summary>
internal sealed class MilestonesPage(BifSofDbContext db, Outbox outbox, TimeProvider clock, IOptions<MilestoneOptions> options) : IDashboardPage
{
    public const string Path = "/milepaele";

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var realToday = Copenhagen.Today(clock);
        var today = DateOnly.TryParseExact(request.Query("pr"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf)
            ? asOf
            : realToday;
        // The plan as it stood that day: the catalogue's statements known then, and the answers given by then.
        var plan = await db.ViewsAsOfAsync(today, cancellationToken);
        var milestones = plan.Milestones;
        var endOfDay = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), Copenhagen.TimeZone), TimeSpan.Zero);
        var lastAnswers = (await db.MilestoneAnswers.AsNoTracking()
                .Where(a => a.AnsweredAt < endOfDay)
                .GroupBy(a => a.MilestoneId)
                .Select(g => g.OrderByDescending(a => a.AnsweredAt).First())
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.MilestoneId, StringComparer.Ordinal);
        // Answers name the owner who gave them, not the catalogue's key (an owner no longer in the catalogue keeps its name).
        var ownerNames = await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Key, o => o.Name, StringComparer.Ordinal, cancellationToken);
        // Reminders the SMTP server had accepted by the end of the day shown (the outbox's sent time), not those merely
        // scheduled for a day by then: a reminder queued for a day but sent later (an outage) counts from when it went out.
        // The sent time is the database's wall clock; the demo clock runs at a fixed offset from it.
        var sentBefore = clock is DemoClock demo ? endOfDay - demo.Offset : endOfDay;
        var sent = (await outbox.SentKeysAsync(ReminderKeys.ReminderPrefix, cancellationToken, sentBefore))
            .GroupBy(ReminderKeys.MilestoneId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rules = options.Value;
        return new
        {
            Today = DanishFormat.Date(today),
            TodayIso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Past = today < realToday,
            Count = DanishFormat.Number(milestones.Count),
            NotYetKnown = plan.NotYetKnown == 0 ? null : DanishFormat.Number(plan.NotYetKnown),
            OverdueCount = DanishFormat.Number(milestones.Count(m => m.IsOverdue(today))),
            DaysBefore = string.Join(" og ", rules.DaysBefore),
            rules.OverdueEveryDays,
            rules.EscalateAfterDays,
            EventCount = milestones.Count(m => m.IsEvent) is var events and > 0 ? DanishFormat.Number(events) : null,
            Rows = milestones
                .OrderByDescending(m => m.IsOverdue(today))
                .ThenBy(m => m.IsOverdue(today) ? m.DueDate.DayNumber : 0)
                .Select(m => new
                {
                    Initiative = $"{m.InitiativeNumber} {m.InitiativeTitle}",
                    m.Title,
                    Owner = m.OwnerName,
                    Due = DanishFormat.Date(m.DueDate),
                    DueText = m.DueText is { } text && text != DanishFormat.Date(m.DueDate) ? text : null,
                    OriginalDue = m.OriginalDueDate is { } original ? DanishFormat.Date(original) : null,
                    Status = m.StatusWithOutcome,
                    m.Note,
                    m.StatusSource,
                    m.Source,
                    Quote = m.SourceQuote,
                    Overdue = m.IsOverdue(today),
                    m.IsEvent,
                    DaysOverdue = DanishFormat.Number(m.DaysOverdue(today)),
                    OneDay = m.DaysOverdue(today) == 1,
                    Answer = lastAnswers.TryGetValue(m.Id, out var answer)
                        ? new { Text = AnswerEndpoints.Describe(answer), By = ownerNames.GetValueOrDefault(answer.OwnerKey, "ukendt ansvarlig"), At = DanishFormat.DateTime(answer.AnsweredAt) }
                        : null,
                    Reminders = sent.GetValueOrDefault(m.Id),
                })
                .ToList(),
        };
    }
}
