using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Digest;

internal sealed class DigestMonthReviewConfiguration : IEntityTypeConfiguration<DigestMonthReview>
{
    public void Configure(EntityTypeBuilder<DigestMonthReview> builder)
    {
        builder.ToTable("digest_month_reviews");
        builder.HasKey(r => new { r.Month, r.MatchedAt });
        builder.Property(r => r.Reason).HasMaxLength(400);
        builder.Property(r => r.ConfirmedBy).HasMaxLength(100);
    }
}
