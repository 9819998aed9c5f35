namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// A month whose KPIs must be computed (again): its extracts, or extracts its figures read, changed since they were
/// last computed. The KPIs' own record, marked by <see cref="KpiRecomputation"/> and cleared by <see cref="KpiService"/>.
/// </summary>
public sealed class KpiStaleMonth
{
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }

    /// <summary>When the latest import that made the month stale ran.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
