namespace BifSof.Worker.Features.Mail;

/// <summary>
/// An e-mail to queue. <paramref name="BusinessKey"/> names the fact it reports (kind, subject, date), so queuing
/// the same fact again is a no-op. It must never contain a CPR number.
/// </summary>
public sealed record OutgoingEmail(
    string BusinessKey,
    string Template,
    object Model,
    IReadOnlyList<string> To,
    IReadOnlyList<string>? Cc = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);
