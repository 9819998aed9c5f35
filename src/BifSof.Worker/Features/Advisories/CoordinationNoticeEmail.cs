namespace BifSof.Worker.Features.Advisories;

/// <summary>The model of <c>templates/coordination-notice.*.sbn</c>: case numbers only, never a CPR.</summary>
public sealed record CoordinationNoticeEmail(
    string Centre,
    string Month,
    int Count,
    int MinimumCases,
    string JobcentreContact,
    DateOnly NextPossible,
    IReadOnlyList<CoordinationCase> Cases);

/// <summary>One case on a coordination notice's list.</summary>
public sealed record CoordinationCase(string Team, string SofCaseNumber, string BifCaseNumber, string Jobcentre);
