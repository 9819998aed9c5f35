using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Extracts;

internal sealed class BifRowConfiguration : IEntityTypeConfiguration<BifRow>
{
    public void Configure(EntityTypeBuilder<BifRow> builder)
    {
        builder.ToTable("bif_rows");
        builder.HasKey(r => new { r.Month, r.Pseudonym });
        builder.Property(r => r.CaseNumber).HasMaxLength(30);
        builder.Property(r => r.ActivationHours).HasPrecision(5, 2);
        builder.HasOne<ExtractFile>().WithMany().HasForeignKey(r => r.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
