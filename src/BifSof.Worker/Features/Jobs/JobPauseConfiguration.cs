using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Jobs;

internal sealed class JobPauseConfiguration : IEntityTypeConfiguration<JobPause>
{
    public void Configure(EntityTypeBuilder<JobPause> builder)
    {
        builder.ToTable("job_pauses");
        builder.HasKey(p => p.JobId);
        builder.Property(p => p.JobId).HasMaxLength(64);
        builder.Property(p => p.PausedBy).HasMaxLength(64);
    }
}
