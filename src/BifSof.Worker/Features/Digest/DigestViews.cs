namespace BifSof.Worker.Features.Digest;

/// <summary>
/// What a digest template shows; every figure already in Danish format (<c>1.234</c>, <c>37,4 %</c>, <c>ukendt</c>).
/// <see cref="Correction"/> is set on a correction: its subject begins <c>Rettelse:</c> and it lists the changes.
/// </summary>
public sealed record DigestModel(
    string Month,
    string MonthName,
    DateOnly AsOf,
    CentreView? Centre,
    IReadOnlyList<CentreView> Centres,
    MunicipalView Municipality,
    IReadOnlyList<TrendView> Trend,
    string ChartSrc,
    string ChartAlt,
    string Workbook,
    bool OverdueAvailable,
    IReadOnlyList<FigureChange>? Correction = null)
{
    /// <summary>
    /// The job centre's match groups of a shared citizen: "matchgruppe 2 eller 3", and for a month registered in the
    /// five-group model (before April 2010) also the groups as they were then, as the pages say it.
    /// </summary>
    public string MatchGroups => string.CompareOrdinal(Month, Kpis.MatchGroupText.ThreeGroupModelFrom) < 0
        ? "matchgruppe 2 eller 3, tidl. 4 eller 5"
        : "matchgruppe 2 eller 3";
}

/// <param name="Overdue">Overdue plans by kind as of the digest day; null when not available.</param>
public sealed record CentreView(
    string Name,
    string Shared,
    string Entries,
    string Exits,
    string Offered,
    string Produced,
    IReadOnlyList<OverdueView>? Overdue,
    string OverdueTotal);

public sealed record OverdueView(string Kind, string Count);

public sealed record MunicipalView(
    int Year,
    string Shared,
    string Entries,
    string Exits,
    string Rate,
    string Population,
    string Activated,
    string Target,
    string TargetOriginal,
    bool TargetRevised,
    string OnTrack,
    string Offered,
    string OfferedTarget,
    string Produced,
    string ProcessNotes,
    string ProcessNoteShare);

public sealed record TrendView(string MonthName, string Rate, string Target);
