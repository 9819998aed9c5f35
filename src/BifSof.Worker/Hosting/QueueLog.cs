namespace BifSof.Worker.Hosting;

internal static partial class QueueLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Queue nudged: a job was still waiting to start, NOTIFY sent")]
    public static partial void Nudged(ILogger logger);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Queue nudge failed, retried in its interval: {Reason}")]
    public static partial void NudgeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Queue listener connected: LISTEN new_job")]
    public static partial void Listening(ILogger logger);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Queue listener lost its connection, reconnecting in 1 s: {Reason}")]
    public static partial void ListenerLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Queue fetch failed, the worker tries again every second: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string reason);
}
