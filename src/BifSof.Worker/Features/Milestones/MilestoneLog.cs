using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Milestones;

internal static partial class MilestoneLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Milestone reminders for {Day}: {Queued} queued, {AlreadyQueued} queued before")]
    public static partial void Reminded(ILogger logger, DateOnly day, int queued, int alreadyQueued);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Milestone {MilestoneId} answered by {OwnerKey}: {Action}")]
    public static partial void Answered(ILogger logger, string milestoneId, string ownerKey, AnswerAction action);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Answer link for milestone {MilestoneId} refused: {Check}")]
    public static partial void LinkRefused(ILogger logger, string milestoneId, LinkCheck check);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Milestone {MilestoneId} skipped by the reminder run for {Day}: its reminders could not be made")]
    public static partial void Skipped(ILogger logger, Exception exception, string milestoneId, DateOnly day);
}
