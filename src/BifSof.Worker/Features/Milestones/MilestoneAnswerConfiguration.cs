using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Milestones;

internal sealed class MilestoneAnswerConfiguration : IEntityTypeConfiguration<MilestoneAnswer>
{
    public void Configure(EntityTypeBuilder<MilestoneAnswer> builder)
    {
        builder.ToTable("milestone_answers");
        builder.Property(a => a.MilestoneId).HasMaxLength(80);
        builder.Property(a => a.OwnerKey).HasMaxLength(64);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Comment).HasMaxLength(MilestoneAnswers.MaxCommentLength);
        builder.HasOne<Milestone>().WithMany().HasForeignKey(a => a.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MilestoneId, a.AnsweredAt });
    }
}
