using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.SocialPlans;

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        builder.ToTable("social_plan_escalations");
        builder.Property(e => e.SofCaseNumber).HasMaxLength(30);
        builder.Property(e => e.Kind).HasConversion(k => OverdueKindNames.Code(k), s => OverdueKindNames.Parse(s)).HasMaxLength(16);
        // Escalated once: a second row for the same overdue fact is refused.
        builder.HasIndex(e => new { e.SofCaseNumber, e.Kind, e.DueDate }).IsUnique();
        builder.Property(e => e.RecipientKey).HasMaxLength(120);
        builder.Property(e => e.BusinessKey).HasMaxLength(400);
        builder.HasIndex(e => e.EscalatedOn);
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
    }
}
