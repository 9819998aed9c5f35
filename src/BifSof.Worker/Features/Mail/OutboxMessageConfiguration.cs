using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BifSof.Worker.Features.Mail;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.BusinessKey).HasMaxLength(400);
        builder.HasIndex(m => m.BusinessKey).IsUnique();
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Template).HasMaxLength(100);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(m => m.NextAttemptAt).HasDefaultValueSql("now()");
        // The dispatcher's claim query walks pending mail in due order.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
