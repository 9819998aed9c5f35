namespace BifSof.Worker.Features.Catalogue;

/// <summary>Spelled in the database and the catalogue file as <c>planned</c>, <c>in_progress</c>, … .</summary>
public enum MilestoneStatus
{
    Planned,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}
