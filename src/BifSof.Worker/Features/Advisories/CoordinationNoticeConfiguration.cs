using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Advisories;

internal sealed class CoordinationNoticeConfiguration : IEntityTypeConfiguration<CoordinationNotice>
{
    public void Configure(EntityTypeBuilder<CoordinationNotice> builder)
    {
        builder.ToTable("coordination_notices");
        // One notice per centre and day at most (two runs racing on the same day: the second inserts nothing); the
        // spacing check reads a centre's latest notice through the same index.
        builder.HasIndex(n => new { n.Centre, n.NoticedOn }).IsUnique();
        builder.HasIndex(n => n.BusinessKey).IsUnique();
        builder.Property(n => n.BusinessKey).HasMaxLength(400);
    }
}
