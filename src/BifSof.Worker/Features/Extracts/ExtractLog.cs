using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Extracts;

/// <summary>Log lines of the extract import: file names, months and counts only, never a CPR or a case.</summary>
internal static partial class ExtractLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Extract {File} ({Source} {Month}): {Status}, {Rows} rows")]
    public static partial void Imported(ILogger logger, string file, string? source, string? month, string status, int rows);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Extract {File} rejected: {ErrorCount} errors, first on line {Line}")]
    public static partial void Rejected(ILogger logger, string file, int errorCount, int line);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Month {Month} matched: {Shared} shared citizens")]
    public static partial void Matched(ILogger logger, string month, int shared);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Inbox file {File} moved to {Folder}")]
    public static partial void Moved(ILogger logger, string file, string folder);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Month {Month} imported, but {Subscriber} could not start its follow-up; its safety net will")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string month, string subscriber);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Month {Month} imported, but the statistics of {Table} could not be refreshed; autovacuum does not, the next import will")]
    public static partial void StatisticsFailed(ILogger logger, Exception exception, string month, string table);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Extract {File}: {Rows} rows in {Milliseconds} ms ({Phases})")]
    public static partial void Timings(ILogger logger, string file, int rows, long milliseconds, ImportTimings phases);
}
