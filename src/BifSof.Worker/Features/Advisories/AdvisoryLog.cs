using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Advisories;

internal static partial class AdvisoryLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Benefit-stop advisories for {Day}: {Queued} queued, {AdvisedBefore} advised before, {NotShared} not shared in their month, {Unmatched} in months without both extracts")]
    public static partial void Advised(ILogger logger, DateOnly day, int queued, int advisedBefore, int notShared, int unmatched);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Coordination notices for {Day} from month {Month}: {Queued} queued, {Spaced} centres noticed recently, {BelowThreshold} centres below the threshold")]
    public static partial void Noticed(ILogger logger, DateOnly day, DateOnly? month, int queued, int spaced, int belowThreshold);
}
