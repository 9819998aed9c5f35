using BifSof.Worker.Features.Extracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Data.Configurations;

internal sealed class SofRowConfiguration : IEntityTypeConfiguration<SofRow>
{
    public void Configure(EntityTypeBuilder<SofRow> builder)
    {
        builder.ToTable("sof_rows");
        builder.HasKey(r => new { r.Month, r.Pseudonym });
        builder.Property(r => r.CaseNumber).HasMaxLength(30);
        builder.HasOne<ExtractFile>().WithMany().HasForeignKey(r => r.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
