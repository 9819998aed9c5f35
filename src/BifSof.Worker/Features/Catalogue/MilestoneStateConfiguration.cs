using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class MilestoneStateConfiguration : IEntityTypeConfiguration<MilestoneState>
{
    public void Configure(EntityTypeBuilder<MilestoneState> builder)
    {
        builder.ToTable("milestone_states");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.MilestoneId).HasMaxLength(80);
        builder.Property(s => s.Status).HasConversion(MilestoneStatusNames.Converter).HasMaxLength(16);
        builder.Property(s => s.Outcome).HasMaxLength(16);
        builder.HasIndex(s => new { s.MilestoneId, s.Sequence }).IsUnique();
        builder.HasOne<Milestone>().WithMany().HasForeignKey(s => s.MilestoneId).OnDelete(DeleteBehavior.Cascade);
    }
}
