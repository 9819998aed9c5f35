using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Kpis;

internal sealed class KpiStaleMonthConfiguration : IEntityTypeConfiguration<KpiStaleMonth>
{
    public void Configure(EntityTypeBuilder<KpiStaleMonth> builder)
    {
        builder.ToTable("kpi_stale_months");
        builder.HasKey(m => m.Month);
    }
}
