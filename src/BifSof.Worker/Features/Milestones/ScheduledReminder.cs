namespace BifSof.Worker.Features.Milestones;

/// <param name="Kind">Which reminder of the schedule (it names the e-mail's business key).</param>
/// <param name="ScheduledOn">The day the schedule names (may be a weekend day the job catches up on).</param>
/// <param name="DaysToDue">Days from the scheduled day to the due date: 14, 3, 0, or negative when overdue.</param>
/// <param name="DaysLeft">
/// Days from the day the reminder is sent to the due date: positive before it, 0 on it, negative after it. A reminder
/// caught up after a weekend or an outage is sent later than scheduled, so its words follow this, not <paramref name="Kind"/>.
/// </param>
public readonly record struct ScheduledReminder(ReminderKind Kind, DateOnly ScheduledOn, int DaysToDue, int DaysLeft)
{
    /// <summary>What the e-mail says, from the day it is sent: the due-day reminder sent two days late is an overdue one.</summary>
    public ReminderKind Wording => DaysLeft switch
    {
        > 0 => ReminderKind.Before,
        0 => ReminderKind.DueToday,
        _ => ReminderKind.Overdue,
    };
}
