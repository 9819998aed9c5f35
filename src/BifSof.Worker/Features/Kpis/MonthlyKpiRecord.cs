namespace BifSof.Worker.Features.Kpis;

/// <summary>The stored KPIs of a month: the figures as computed (JSON of <see cref="MonthlyKpis"/>) and when.</summary>
public sealed class MonthlyKpiRecord
{
    public DateOnly Month { get; set; }

    public required string Figures { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
