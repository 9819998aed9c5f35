namespace BifSof.Worker.Features.Extracts;

/// <summary>A valid row of a SOF extract, with the CPR already turned into its pseudonym.</summary>
internal sealed record SofRecord(
    int Line,
    byte[] Pseudonym,
    string MaskedCpr,
    DateOnly Month,
    string CaseNumber,
    string Unit,
    string Centre,
    string Team,
    string TeamEmail,
    string TargetGroup,
    DateOnly? PlanOffered,
    DateOnly? PlanProduced,
    string? PlanType,
    DateOnly? PlanFollowUp,
    bool GreenLine,
    bool Coordination);
