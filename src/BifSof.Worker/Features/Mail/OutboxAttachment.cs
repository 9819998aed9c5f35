namespace BifSof.Worker.Features.Mail;

public sealed class OutboxAttachment
{
    public long Id { get; set; }

    public long OutboxMessageId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The Content-ID of a picture shown inline in the HTML body; null for an ordinary attachment.</summary>
    public string? ContentId { get; set; }
}
