namespace BifSof.Worker.Features.Extracts;

/// <summary>A stored SOF extract row. The citizen is a keyed pseudonym; the CPR is not stored.</summary>
public sealed class SofRow : IExtractRow
{
    public DateOnly Month { get; set; }

    public required byte[] Pseudonym { get; set; }

    public long FileId { get; set; }

    public int Line { get; set; }

    public required string CaseNumber { get; set; }

    public required string Unit { get; set; }

    public required string Centre { get; set; }

    public required string Team { get; set; }

    public required string TeamEmail { get; set; }

    public required string TargetGroup { get; set; }

    public DateOnly? PlanOffered { get; set; }

    public DateOnly? PlanProduced { get; set; }

    public string? PlanType { get; set; }

    public DateOnly? PlanFollowUp { get; set; }

    public bool GreenLine { get; set; }

    public bool Coordination { get; set; }
}
