namespace BifSof.Worker.Features.Extracts;

/// <summary>A stored BIF extract row. The citizen is a keyed pseudonym; the CPR is not stored.</summary>
public sealed class BifRow : IExtractRow
{
    public DateOnly Month { get; set; }

    public required byte[] Pseudonym { get; set; }

    public long FileId { get; set; }

    public int Line { get; set; }

    public required string CaseNumber { get; set; }

    public required string Jobcentre { get; set; }

    public short MatchModel { get; set; }

    public short MatchGroup { get; set; }

    public short NormalizedGroup { get; set; }

    public bool Unemployed { get; set; }

    public bool Activated { get; set; }

    public string? ActivationType { get; set; }

    public decimal? ActivationHours { get; set; }

    public DateOnly? JobPlanDate { get; set; }

    public DateOnly? BenefitStopDate { get; set; }

    public string? BenefitStopReason { get; set; }
}
