namespace BifSof.Worker.Features.Milestones;

/// <summary>What a reminder's link lets the owner say.</summary>
public enum AnswerAction
{
    /// <summary>The milestone is reached.</summary>
    Done,

    /// <summary>A new expected date.</summary>
    NewDate,

    /// <summary>A comment, kept in the history.</summary>
    Comment,
}
