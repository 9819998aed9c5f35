using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Mail;

/// <summary>Log lines of the mail pipeline: ids and template names only, never recipients or bodies.</summary>
internal static partial class MailLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Outbox message {Id} ({Template}) sent")]
    public static partial void Sent(ILogger logger, long id, string template);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Outbox message {Id} ({Template}) refused by the SMTP server with {StatusCode}; dead: {Dead}")]
    public static partial void Refused(ILogger logger, long id, string template, int statusCode, bool dead);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "SMTP server {Host}:{Port} unavailable: {Reason}; e-mails stay pending")]
    public static partial void SmtpUnavailable(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Outbox message {Id} queued again by {User}")]
    public static partial void Requeued(ILogger logger, long id, string user);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Outbox message {Id} not sent by this dispatcher: its claim ran out and another dispatcher took it over")]
    public static partial void TakenOver(ILogger logger, long id);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Outbox message {Id} was accepted by the SMTP server after this dispatcher's claim on it had run out; recorded as sent: {Recorded} (if not, it was no longer pending: recorded by an earlier try of the same statement, sent by another dispatcher, or dead there)")]
    public static partial void SentAfterClaimRanOut(ILogger logger, long id, bool recorded);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Outbox message {Id} was accepted by the SMTP server but could not be recorded as sent ({Reason}); it stays claimed and will be sent again, with the same Message-ID, when the claim runs out")]
    public static partial void AcceptedNotRecorded(ILogger logger, long id, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Outbox dispatch: {Sent} sent over {Sessions} SMTP sessions in {ElapsedMs} ms, the sessions waiting {StatusMs} ms in all for status round trips (recording outcomes, renewing claims)")]
    public static partial void DispatchDone(ILogger logger, int sent, int sessions, long elapsedMs, long statusMs);
}
