namespace BifSof.Worker.Features.Extracts;

/// <summary>A valid row of a BIF extract, with the CPR already turned into its pseudonym.</summary>
internal sealed record BifRecord(
    int Line,
    byte[] Pseudonym,
    string MaskedCpr,
    DateOnly Month,
    string CaseNumber,
    string Jobcentre,
    short MatchModel,
    short MatchGroup,
    short NormalizedGroup,
    bool Unemployed,
    bool Activated,
    string? ActivationType,
    decimal? ActivationHours,
    DateOnly? JobPlanDate,
    DateOnly? BenefitStopDate,
    string? BenefitStopReason);
