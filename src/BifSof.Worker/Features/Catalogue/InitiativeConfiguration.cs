using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.ToTable("initiatives");
        builder.HasKey(i => i.Number);
        builder.Property(i => i.Number).HasMaxLength(16);
        builder.HasOne<Owner>().WithMany().HasForeignKey(i => i.OwnerKey).OnDelete(DeleteBehavior.Restrict);
    }
}
