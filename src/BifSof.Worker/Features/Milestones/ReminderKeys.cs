using System.Globalization;

namespace BifSof.Worker.Features.Milestones;

/// <summary>The business keys of reminder e-mails: made and read here only.</summary>
internal static class ReminderKeys
{
    public const string ReminderPrefix = "milestone-reminder:";

    /// <summary><c>milestone-reminder:ID:DUE:KIND:SCHEDULED</c>: one e-mail per milestone, due date, kind and day.</summary>
    public static string Reminder(MilestoneView milestone, ScheduledReminder reminder, string kind) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{ReminderPrefix}{milestone.Id}:{milestone.DueDate:yyyy-MM-dd}:{kind}{(reminder.Kind == ReminderKind.Before ? reminder.DaysToDue : string.Empty)}:{reminder.ScheduledOn:yyyy-MM-dd}");

    /// <summary>The milestone a reminder key names.</summary>
    public static string MilestoneId(string reminderKey) => reminderKey[ReminderPrefix.Length..].Split(':')[0];
}
