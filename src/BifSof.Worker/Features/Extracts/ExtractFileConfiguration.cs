using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Extracts;

internal sealed class ExtractFileConfiguration : IEntityTypeConfiguration<ExtractFile>
{
    public void Configure(EntityTypeBuilder<ExtractFile> builder)
    {
        builder.ToTable("extract_files");
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.Source).HasMaxLength(3);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.Encoding).HasMaxLength(20);
        builder.Property(f => f.Status).HasMaxLength(10);
        builder.Property(f => f.Errors).HasColumnType("jsonb");
        builder.HasIndex(f => new { f.Source, f.Month });
    }
}
