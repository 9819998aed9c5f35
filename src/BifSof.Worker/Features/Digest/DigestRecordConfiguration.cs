using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Digest;

internal sealed class DigestRecordConfiguration : IEntityTypeConfiguration<DigestRecord>
{
    public void Configure(EntityTypeBuilder<DigestRecord> builder)
    {
        builder.ToTable("digest_records");
        builder.Property(r => r.Audience).HasMaxLength(400);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.BusinessKey).HasMaxLength(400);
        builder.HasIndex(r => r.BusinessKey).IsUnique();
        builder.HasIndex(r => new { r.Month, r.Audience });
        builder.Property(r => r.Figures).HasColumnType("jsonb");
    }
}
