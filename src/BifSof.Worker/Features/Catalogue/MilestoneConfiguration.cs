using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("milestones");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(80);
        builder.Property(m => m.Status).HasConversion(MilestoneStatusNames.Converter).HasMaxLength(16);
        builder.Property(m => m.Kind).HasConversion(MilestoneKindNames.Converter).HasMaxLength(16);
        builder.Property(m => m.Outcome).HasMaxLength(16);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(m => m.InitiativeNumber).OnDelete(DeleteBehavior.Restrict);
    }
}
