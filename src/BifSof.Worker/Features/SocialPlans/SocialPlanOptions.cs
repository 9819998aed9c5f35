namespace BifSof.Worker.Features.SocialPlans;

/// <summary>Deadlines and chaser rules for social action plans, section <c>SocialPlans</c> (docs/followup.md's defaults).</summary>
public sealed class SocialPlanOptions
{
    public const string Section = "SocialPlans";

    /// <summary>Calendar days for an offer (from the first shared month) and for a plan (from the offer). Default 30.</summary>
    public int DeadlineDays { get; set; } = 30;

    /// <summary>The same deadlines for green-line citizens. Default 14.</summary>
    public int GreenLineDeadlineDays { get; set; } = 14;

    /// <summary>At most one chaser per team address in this many days. Default 7.</summary>
    public int ChaserEveryDays { get; set; } = 7;

    /// <summary>A case listed in this many chasers and still overdue is escalated, once. Default 2.</summary>
    public int EscalateAfterChasers { get; set; } = 2;
}
