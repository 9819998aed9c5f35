namespace BifSof.Worker.Features.Milestones;

/// <summary>Milestone reminder rules, section <c>Milestones</c> (docs/followup.md's defaults).</summary>
public sealed class MilestoneOptions
{
    public const string Section = "Milestones";

    /// <summary>Days before the due date that get a reminder. Default 14 and 3.</summary>
#pragma warning disable CA2227, CA1002 // Bound from configuration.
    public List<int> ReminderDaysBefore { get; set; } = [];
#pragma warning restore CA2227, CA1002

    /// <summary>While overdue, a reminder every this many days. Default 7.</summary>
    public int OverdueEveryDays { get; set; } = 7;

    /// <summary>Days overdue at which the owner's escalation address (or the special unit) is told, once. Default 14.</summary>
    public int EscalateAfterDays { get; set; } = 14;

    /// <summary>How long the answer links in a reminder work. Default 30 days.</summary>
    public int LinkLifetimeDays { get; set; } = 30;

    /// <summary>The days before due that apply: configured ones, or 14 and 3.</summary>
    public IReadOnlyList<int> DaysBefore => ReminderDaysBefore.Count > 0 ? ReminderDaysBefore : [14, 3];
}
