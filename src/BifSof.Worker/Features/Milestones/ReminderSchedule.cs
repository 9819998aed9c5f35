namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// When a milestone is reminded: N days before its due date (14 and 3), on the due date, and every 7 days while
/// overdue; escalated once when 14 days overdue. The job runs on weekday mornings, so a reminder whose day fell on a
/// weekend (or while the worker was down) is sent on the next run — the latest one only, and only within one
/// overdue interval, so a long outage does not unleash a backlog. A reminder sent later than its scheduled day keeps
/// its schedule's kind (the business key) but carries the actual day difference, which its words follow.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>The reminder a run on <paramref name="today"/> should send, or null; its <see cref="ScheduledReminder.DaysLeft"/> counts from <paramref name="today"/>.</summary>
    public static ScheduledReminder? ForDay(DateOnly due, DateOnly today, MilestoneOptions rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var passed = Points(due, today, rules).Where(p => p.ScheduledOn <= today).ToList();
        if (passed.Count == 0)
        {
            return null;
        }

        var latest = passed.MaxBy(p => p.ScheduledOn);
        return today.DayNumber - latest.ScheduledOn.DayNumber < rules.OverdueEveryDays ? latest : null;
    }

    /// <summary>True from the day the milestone is <see cref="MilestoneOptions.EscalateAfterDays"/> overdue.</summary>
    public static bool IsEscalationDue(DateOnly due, DateOnly today, MilestoneOptions rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return today.DayNumber - due.DayNumber >= rules.EscalateAfterDays;
    }

    private static IEnumerable<ScheduledReminder> Points(DateOnly due, DateOnly today, MilestoneOptions rules)
    {
        var daysLeft = due.DayNumber - today.DayNumber;
        foreach (var days in rules.DaysBefore.Distinct())
        {
            yield return new ScheduledReminder(ReminderKind.Before, due.AddDays(-days), days, daysLeft);
        }

        yield return new ScheduledReminder(ReminderKind.DueToday, due, 0, daysLeft);
        for (var overdue = rules.OverdueEveryDays; due.AddDays(overdue) <= today; overdue += rules.OverdueEveryDays)
        {
            yield return new ScheduledReminder(ReminderKind.Overdue, due.AddDays(overdue), -overdue, daysLeft);
        }
    }
}
