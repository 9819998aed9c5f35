using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class BaselineConfiguration : IEntityTypeConfiguration<Baseline>
{
    public void Configure(EntityTypeBuilder<Baseline> builder)
    {
        builder.ToTable("catalogue_baselines");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(80);
        builder.Property(b => b.Kpi).HasMaxLength(40);
        builder.Property(b => b.Kind).HasMaxLength(16);
        builder.Property(b => b.Scope).HasMaxLength(16);
        builder.Property(b => b.TargetGroup).HasMaxLength(64);
        builder.Property(b => b.Value).HasPrecision(12, 4);
    }
}
