namespace BifSof.Worker.Features.Digest;

/// <summary>A SOF centre's own figures for a month. Entries and exits are null where the month before is not matched.</summary>
/// <param name="PlansOffered">Shared citizens of the year so far whose latest SOF row up to the month is this centre's and
/// whose plan was offered this year (the municipality's KPI, split by centre).</param>
public sealed record CentreFigures(string Centre, int SharedCitizens, int? Entries, int? Exits, int PlansOffered, int PlansProduced);

/// <summary>
/// One line of the centre's lists: a shared citizen of the month (the gross list), marked <c>tilgang</c> when new this
/// month, or one who left since the month before (<c>afgang</c>, with the month before's case data). Case numbers only.
/// </summary>
public sealed record CaseRow(
    string Centre,
    string Movement,
    string SofCaseNumber,
    string BifCaseNumber,
    string Team,
    string TargetGroup,
    int MatchGroup,
    DateOnly? PlanOffered,
    DateOnly? PlanProduced,
    string? PlanType,
    DateOnly? PlanFollowUp,
    bool GreenLine)
{
    public const string Entry = "tilgang";
    public const string Exit = "afgang";
}

/// <summary>Everything stored about one month that its digests show.</summary>
public sealed record DigestMonthData(
    DateOnly Month,
    DateOnly AsOf,
    Kpis.MonthlyKpis Kpis,
    IReadOnlyList<Kpis.MonthlyKpis> Trend,
    IReadOnlyList<CentreFigures> Centres,
    IReadOnlyList<CaseRow> Cases,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TeamAddresses,
    IReadOnlyDictionary<string, string> CentreLeaders,
    string? Management,
    IReadOnlyList<OverduePlanCount>? Overdue);
