namespace BifSof.Worker.Features.Milestones;

/// <param name="Kind">Which reminder.</param>
/// <param name="ScheduledOn">The day the schedule names (may be a weekend day the job catches up on).</param>
/// <param name="DaysToDue">Days from the scheduled day to the due date: 14, 3, 0, or negative when overdue.</param>
public readonly record struct ScheduledReminder(ReminderKind Kind, DateOnly ScheduledOn, int DaysToDue);
