using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.SocialPlans;

internal static partial class SocialPlanLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Social-plan chase for {Day}: {Overdue} cases overdue, {Chasers} chasers queued, {Skipped} addresses chased within the interval, {Escalated} cases escalated")]
    public static partial void Chased(ILogger logger, DateOnly day, int overdue, int chasers, int skipped, int escalated);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Social-plan chase for {Day}: no matched month up to that day, nothing to chase")]
    public static partial void NoData(ILogger logger, DateOnly day);
}
