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
/// overdue ones first, most overdue at the top. "?pr=2010-03-03" shows the plan as it stood that day.
/// </summary>
internal sealed class MilestonesPage(BifSofDbContext db, Outbox outbox, TimeProvider clock, IOptions<MilestoneOptions> options) : IDashboardPage
{
    public const string Path = "/milepaele";

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var today = DateOnly.TryParseExact(request.Query("pr"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf)
            ? asOf
            : Copenhagen.Today(clock);
        var milestones = await db.Views().ToListAsync(cancellationToken);
        var lastAnswers = (await db.MilestoneAnswers.AsNoTracking()
                .GroupBy(a => a.MilestoneId)
                .Select(g => g.OrderByDescending(a => a.AnsweredAt).First())
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.MilestoneId, StringComparer.Ordinal);
        // Answers name the owner who gave them, not the catalogue's key (an owner no longer in the catalogue keeps its name).
        var ownerNames = await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Key, o => o.Name, StringComparer.Ordinal, cancellationToken);
        var sent = (await outbox.SentKeysAsync(ReminderKeys.ReminderPrefix, cancellationToken))
            .GroupBy(ReminderKeys.MilestoneId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rules = options.Value;
        return new
        {
            Today = DanishFormat.Date(today),
            TodayIso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Count = milestones.Count,
            OverdueCount = milestones.Count(m => m.IsOpen && m.DueDate < today),
            DaysBefore = string.Join(" og ", rules.DaysBefore),
            rules.OverdueEveryDays,
            rules.EscalateAfterDays,
            Rows = milestones
                .OrderByDescending(m => m.IsOpen && m.DueDate < today)
                .ThenBy(m => m.IsOpen && m.DueDate < today ? m.DueDate.DayNumber : 0)
                .Select(m => new
                {
                    Initiative = $"{m.InitiativeNumber} {m.InitiativeTitle}",
                    m.Title,
                    Owner = m.OwnerName,
                    Due = DanishFormat.Date(m.DueDate),
                    Status = m.StatusLabel,
                    Overdue = m.IsOpen && m.DueDate < today,
                    DaysOverdue = DanishFormat.Number(m.DaysOverdue(today)),
                    Answer = lastAnswers.TryGetValue(m.Id, out var answer)
                        ? new { Text = AnswerEndpoints.Describe(answer), By = ownerNames.GetValueOrDefault(answer.OwnerKey, "ukendt ansvarlig"), At = DanishFormat.DateTime(answer.AnsweredAt) }
                        : null,
                    Reminders = sent.GetValueOrDefault(m.Id),
                })
                .ToList(),
        };
    }
}
