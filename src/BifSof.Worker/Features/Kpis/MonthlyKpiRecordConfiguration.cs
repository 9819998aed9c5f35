using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Kpis;

internal sealed class MonthlyKpiRecordConfiguration : IEntityTypeConfiguration<MonthlyKpiRecord>
{
    public void Configure(EntityTypeBuilder<MonthlyKpiRecord> builder)
    {
        builder.ToTable("monthly_kpis");
        builder.HasKey(k => k.Month);
        builder.Property(k => k.Figures).HasColumnType("jsonb");
    }
}
