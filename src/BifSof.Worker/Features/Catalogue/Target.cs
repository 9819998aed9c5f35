namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// A KPI target as one decision set it. A later decision adds a row; it never overwrites one, so the
/// original and the revised targets both stay visible.
/// </summary>
public sealed class Target
{
    public required string Id { get; set; }

    /// <summary><c>activation_rate</c> or <c>social_plans_offered</c>.</summary>
    public required string Kpi { get; set; }

    public int Year { get; set; }

    /// <summary>A fraction for rates (0.40), a count for plans (1000).</summary>
    public decimal Value { get; set; }

    public required string Decision { get; set; }

    public DateOnly ValidFrom { get; set; }

    public bool InCatalogue { get; set; } = true;
}
