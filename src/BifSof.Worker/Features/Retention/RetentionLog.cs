using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Data retention as of {AsOf}: deleted {Rows} rows dated before {Cutoff} ({Years} years)")]
    public static partial void Deleted(ILogger logger, DateOnly asOf, int rows, DateOnly cutoff, int years);
}
