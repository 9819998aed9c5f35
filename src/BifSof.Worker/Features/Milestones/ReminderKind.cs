namespace BifSof.Worker.Features.Milestones;

public enum ReminderKind
{
    /// <summary>Before the due date (scheduled N days before it).</summary>
    Before,

    /// <summary>On the due date.</summary>
    DueToday,

    /// <summary>After the due date (scheduled every N days while overdue).</summary>
    Overdue,
}
