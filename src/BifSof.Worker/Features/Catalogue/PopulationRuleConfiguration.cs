using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class PopulationRuleConfiguration : IEntityTypeConfiguration<PopulationRule>
{
    public void Configure(EntityTypeBuilder<PopulationRule> builder)
    {
        builder.ToTable("population_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(80);
    }
}
