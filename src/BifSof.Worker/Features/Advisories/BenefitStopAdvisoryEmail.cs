namespace BifSof.Worker.Features.Advisories;

/// <summary>The model of <c>templates/benefit-stop-advisory.*.sbn</c>: case numbers only, never a CPR.</summary>
public sealed record BenefitStopAdvisoryEmail(
    string BifCaseNumber,
    string SofCaseNumber,
    string Jobcentre,
    string Centre,
    string Team,
    DateOnly StopDate,
    string? Reason,
    string Month);
