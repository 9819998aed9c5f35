using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(80);
        builder.Property(t => t.Kpi).HasMaxLength(40);
        builder.Property(t => t.Value).HasPrecision(12, 4);
        builder.HasIndex(t => new { t.Kpi, t.Year, t.ValidFrom });
    }
}
