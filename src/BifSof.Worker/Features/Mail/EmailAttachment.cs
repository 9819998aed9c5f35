namespace BifSof.Worker.Features.Mail;

/// <param name="ContentId">Set for a picture the HTML body shows inline (<c>&lt;img src="cid:ID"&gt;</c>); null for a file
/// the reader opens.</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content, string? ContentId = null);
