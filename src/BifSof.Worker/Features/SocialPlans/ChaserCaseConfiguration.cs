using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.SocialPlans;

internal sealed class ChaserCaseConfiguration : IEntityTypeConfiguration<ChaserCase>
{
    public void Configure(EntityTypeBuilder<ChaserCase> builder)
    {
        builder.ToTable("social_plan_chaser_cases");
        builder.HasKey(c => new { c.ChaserId, c.SofCaseNumber });
        builder.Property(c => c.SofCaseNumber).HasMaxLength(30);
        builder.Property(c => c.Kind).HasConversion(k => OverdueKindNames.Code(k), s => OverdueKindNames.Parse(s)).HasMaxLength(16);
        // Counting a fact's chasers.
        builder.HasIndex(c => new { c.SofCaseNumber, c.Kind, c.DueDate });
    }
}
