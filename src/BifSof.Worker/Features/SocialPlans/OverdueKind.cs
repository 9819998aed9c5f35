namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// Why a social action plan is overdue (docs/socialplans.md). The order is the case flow's: a case is listed under
/// the first step it is late with.
/// </summary>
public enum OverdueKind
{
    /// <summary>No plan offered, more than the deadline after the first day of the first month the citizen was shared.</summary>
    Offer = 1,

    /// <summary>Offered, not produced, more than the deadline after the offer.</summary>
    Production = 2,

    /// <summary>The follow-up date has passed and no plan was produced on or after it.</summary>
    FollowUp = 3,
}
