namespace BifSof.Worker.Features.Mail;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
