namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// One dated statement of the catalogue about a milestone: its first state (<see cref="Sequence"/> 0, from the
/// milestone's own source) and every later history entry, each with its source. The state known on a day is the
/// last one whose <see cref="AsOf"/> is not after it; nothing is overwritten, so the original date stays beside a moved one.
/// </summary>
public sealed class MilestoneState
{
    public long Id { get; set; }

    public required string MilestoneId { get; set; }

    /// <summary>Its place in the milestone's history: 0 is the milestone's own state.</summary>
    public int Sequence { get; set; }

    /// <summary>From when it is known: the entry's own date or its document's.</summary>
    public DateOnly AsOf { get; set; }

    public MilestoneStatus Status { get; set; }

    public DateOnly DueDate { get; set; }

    public string? DueText { get; set; }

    public string? Outcome { get; set; }

    public string? Note { get; set; }

    public required string SourceDocument { get; set; }

    public required string SourceSection { get; set; }

    public required string SourceQuote { get; set; }
}
