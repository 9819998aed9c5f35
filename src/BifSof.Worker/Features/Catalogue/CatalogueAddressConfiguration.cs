using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Catalogue;

internal sealed class CatalogueAddressConfiguration : IEntityTypeConfiguration<CatalogueAddress>
{
    public void Configure(EntityTypeBuilder<CatalogueAddress> builder)
    {
        builder.ToTable("catalogue_addresses");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(120);
    }
}
