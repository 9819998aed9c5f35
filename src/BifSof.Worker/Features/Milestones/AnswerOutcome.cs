namespace BifSof.Worker.Features.Milestones;

public enum AnswerOutcome
{
    Recorded,

    /// <summary>The milestone was already done or cancelled: nothing changed.</summary>
    AlreadyClosed,

    /// <summary>The input was not acceptable (no date, a date in the past, an empty or too long comment).</summary>
    Invalid,

    /// <summary>The milestone is an event (a dated fact of the sources), not a deadline: nothing to answer, nothing changed.</summary>
    NotADeadline,
}
