namespace BifSof.Worker.Features.Advisories;

/// <summary>Coordination-meeting rules, section <c>Advisories</c> (docs/followup.md's defaults).</summary>
public sealed class AdvisoryOptions
{
    public const string Section = "Advisories";

    /// <summary>Shared citizens marked <c>koordinering</c> = ja a counselling centre needs for a notice. Default 10.</summary>
    public int CoordinationMinimumCases { get; set; } = 10;

    /// <summary>
    /// After a notice to a centre, the next one waits this many days: a notice on day D allows the next on day
    /// D + 30 at the earliest. Default 30.
    /// </summary>
    public int CoordinationNoticeDays { get; set; } = 30;

    /// <summary>
    /// A benefit stop dated more than this many days before the run's day is history, not news: it is not advised
    /// (counted in the run report instead), so a first run on years of extracts does not send the teams years of
    /// advisories. A late or out-of-order month within the window is still advised once. Default 90.
    /// </summary>
    public int StopLookbackDays { get; set; } = 90;
}
