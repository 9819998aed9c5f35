using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Extracts;

internal sealed class SharedCitizenConfiguration : IEntityTypeConfiguration<SharedCitizen>
{
    public void Configure(EntityTypeBuilder<SharedCitizen> builder)
    {
        builder.ToTable("shared_citizens");
        builder.HasKey(c => new { c.Month, c.Pseudonym });
        builder.HasIndex(c => new { c.Month, c.Centre });
        builder.HasIndex(c => c.Pseudonym);
    }
}
