using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.SocialPlans;

internal sealed class ChaserConfiguration : IEntityTypeConfiguration<Chaser>
{
    public void Configure(EntityTypeBuilder<Chaser> builder)
    {
        builder.ToTable("social_plan_chasers");
        // One chaser per address and day at most; the job's 7-day spacing looks up an address's latest.
        builder.HasIndex(c => new { c.TeamEmail, c.ChasedOn }).IsUnique();
        builder.Property(c => c.BusinessKey).HasMaxLength(400);
        builder.HasIndex(c => c.BusinessKey).IsUnique();
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        builder.HasMany(c => c.Cases).WithOne().HasForeignKey(c => c.ChaserId).OnDelete(DeleteBehavior.Cascade);
    }
}
