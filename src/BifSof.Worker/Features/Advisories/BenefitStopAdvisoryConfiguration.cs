using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Advisories;

internal sealed class BenefitStopAdvisoryConfiguration : IEntityTypeConfiguration<BenefitStopAdvisory>
{
    public void Configure(EntityTypeBuilder<BenefitStopAdvisory> builder)
    {
        builder.ToTable("benefit_stop_advisories");
        // Exactly once per citizen and stop date: the job inserts with ON CONFLICT DO NOTHING on this index.
        builder.HasIndex(a => new { a.Pseudonym, a.StopDate }).IsUnique();
        builder.HasIndex(a => a.AdvisedOn);
        builder.HasIndex(a => a.BusinessKey).IsUnique();
        builder.Property(a => a.BusinessKey).HasMaxLength(400);
        builder.Property(a => a.BifCaseNumber).HasMaxLength(30);
        builder.Property(a => a.SofCaseNumber).HasMaxLength(30);
    }
}
