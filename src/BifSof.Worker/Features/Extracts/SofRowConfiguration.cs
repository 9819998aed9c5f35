using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Extracts;

internal sealed class SofRowConfiguration : IEntityTypeConfiguration<SofRow>
{
    public void Configure(EntityTypeBuilder<SofRow> builder)
    {
        builder.ToTable("sof_rows");
        builder.HasKey(r => new { r.Month, r.Pseudonym });
        // A citizen's latest snapshot up to a month (the social-plan KPIs, the chasers).
        builder.HasIndex(r => new { r.Pseudonym, r.Month });
        builder.Property(r => r.CaseNumber).HasMaxLength(30);
        builder.HasOne<ExtractFile>().WithMany().HasForeignKey(r => r.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
