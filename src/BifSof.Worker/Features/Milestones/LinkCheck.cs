namespace BifSof.Worker.Features.Milestones;

public enum LinkCheck
{
    Valid,

    /// <summary>Not signed by us, or altered.</summary>
    Tampered,

    Expired,

    /// <summary>A genuine link, but for another milestone than the page it was opened on.</summary>
    WrongMilestone,
}
