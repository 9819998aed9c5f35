namespace BifSof.Worker.Features.Mail;

/// <summary>
/// One e-mail, written in the same transaction as the fact that caused it and delivered from here.
/// <see cref="BusinessKey"/> is unique: the same fact never queues the same e-mail twice.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What the e-mail is about, e.g. <c>milestone-reminder:1.2-groen-linie:2010-03-03:before14</c>.</summary>
    public required string BusinessKey { get; set; }

    /// <summary>Derived from the business key, so a receiver can recognise a redelivery.</summary>
    public required string MessageId { get; set; }

    public required string Template { get; set; }

    public required string[] To { get; set; }

    public string[] Cc { get; set; } = [];

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A dispatcher's claim: until this time no other dispatcher touches the message.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockToken { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The SMTP server's reply to the message, e.g. <c>250 2.0.0 Ok: queued as 4F1A</c>.</summary>
    public string? ServerReply { get; set; }

    public List<OutboxAttachment> Attachments { get; } = [];
}
