using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Digest;

internal static partial class DigestLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Monthly digest of {Month}: {Queued} e-mails queued, {AlreadyQueued} queued before")]
    public static partial void Queued(ILogger logger, DateOnly month, int queued, int alreadyQueued);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "Correction of the monthly digest of {Month} queued for {Audiences} recipients")]
    public static partial void Corrected(ILogger logger, DateOnly month, int audiences);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "The digest of {Month} is held: {Reason}")]
    public static partial void Held(ILogger logger, DateOnly month, string reason);

    [LoggerMessage(EventId = 9304, Level = LogLevel.Information, Message = "The held month {Month} confirmed by {User}")]
    public static partial void Confirmed(ILogger logger, DateOnly month, string user);
}
