using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Job {JobId} (run {RunId}) skipped: the job is paused")]
    public static partial void SkippedWhilePaused(ILogger logger, string jobId, string runId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Job {JobId} {Action} by {User}")]
    public static partial void Changed(ILogger logger, string jobId, string action, string user);
}
