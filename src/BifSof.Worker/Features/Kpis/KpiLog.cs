using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Kpis;

internal static partial class KpiLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "KPIs of {Month} computed: {Shared} shared citizens, activation rate {Rate}")]
    public static partial void Computed(ILogger logger, string month, int shared, decimal? rate);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "KPIs from {Month} on enqueued after its import (run {RunId})")]
    public static partial void Enqueued(ILogger logger, string month, string runId);
}
