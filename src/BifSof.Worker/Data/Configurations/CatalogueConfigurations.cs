using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Data.Configurations;

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> builder)
    {
        builder.ToTable("owners");
        builder.HasKey(o => o.Key);
        builder.Property(o => o.Key).HasMaxLength(64);
    }
}

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.ToTable("initiatives");
        builder.HasKey(i => i.Number);
        builder.Property(i => i.Number).HasMaxLength(16);
        builder.HasOne<Owner>().WithMany().HasForeignKey(i => i.OwnerKey).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("milestones");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(80);
        builder.Property(m => m.Status).HasConversion(MilestoneStatusNames.Converter).HasMaxLength(16);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(m => m.InitiativeNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class PopulationRuleConfiguration : IEntityTypeConfiguration<PopulationRule>
{
    public void Configure(EntityTypeBuilder<PopulationRule> builder)
    {
        builder.ToTable("population_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(80);
    }
}

internal sealed class CatalogueAddressConfiguration : IEntityTypeConfiguration<CatalogueAddress>
{
    public void Configure(EntityTypeBuilder<CatalogueAddress> builder)
    {
        builder.ToTable("catalogue_addresses");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(120);
    }
}
