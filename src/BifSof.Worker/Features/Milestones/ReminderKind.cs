namespace BifSof.Worker.Features.Milestones;

public enum ReminderKind
{
    /// <summary>N days before the due date.</summary>
    Before,

    /// <summary>On the due date.</summary>
    DueToday,

    /// <summary>Every N days while overdue.</summary>
    Overdue,
}
