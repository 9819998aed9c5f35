using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Extracts;

internal sealed class ExtractMonthConfiguration : IEntityTypeConfiguration<ExtractMonth>
{
    public void Configure(EntityTypeBuilder<ExtractMonth> builder)
    {
        builder.ToTable("extract_months");
        builder.HasKey(m => m.Month);
        builder.HasOne<ExtractFile>().WithMany().HasForeignKey(m => m.BifFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ExtractFile>().WithMany().HasForeignKey(m => m.SofFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
