using BifSof.Worker.Features.Extracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The index the overdue list needs on <c>shared_citizens</c>: a citizen's first shared month is one index-only probe
/// of (pseudonym, month) instead of a heap fetch for every month they were shared (docs/socialplans.md, "Performance").
/// </summary>
internal sealed class SharedCitizenFirstMonthIndex : IEntityTypeConfiguration<SharedCitizen>
{
    public void Configure(EntityTypeBuilder<SharedCitizen> builder) =>
        builder.HasIndex(c => new { c.Pseudonym, c.Month });
}
