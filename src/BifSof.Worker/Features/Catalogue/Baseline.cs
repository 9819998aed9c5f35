namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// A figure from the sources shown beside the measured ones: a baseline from before the strategy (Tabel 2's
/// November 2007, the 19 % of October 2008) or a figure the administrations reported (the evaluation's 2009 figures).
/// </summary>
public sealed class Baseline
{
    public required string Id { get; set; }

    /// <summary><c>activation_rate</c> (a fraction), <c>social_plans_produced</c>, <c>process_notes</c> or <c>shared_citizens</c> (counts).</summary>
    public required string Kpi { get; set; }

    /// <summary><c>baseline</c> or <c>reported</c>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>sof</c> (SOF's target groups with special needs) or <c>bif</c> (all of BIF's match groups 4 and 5).</summary>
    public required string Scope { get; set; }

    /// <summary>SOF's target group (the extract's <c>maalgruppe</c>); null: all of them.</summary>
    public string? TargetGroup { get; set; }

    /// <summary>The period in the source's words, e.g. "november 2007 (strategiens Tabel 2)".</summary>
    public required string Period { get; set; }

    public DateOnly FromDate { get; set; }

    public DateOnly ToDate { get; set; }

    public decimal Value { get; set; }

    public required string SourceDocument { get; set; }

    public required string SourceSection { get; set; }

    public required string SourceQuote { get; set; }

    public bool InCatalogue { get; set; } = true;

    public int SortOrder { get; set; }
}
