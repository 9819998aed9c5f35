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

    /// <summary>
    /// What the pages show as the note of the latest of <paramref name="states"/> (in order, the latest last): every
    /// note stated on its day, in order, so that two entries of one document (a decision, then a recommendation) are
    /// both shown, not only the last. Null when that day has none.
    /// </summary>
    public static string? NotesOfTheLatestDay(IReadOnlyList<MilestoneState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return null;
        }

        var day = states[^1].AsOf;
        var notes = states.Where(s => s.AsOf == day && !string.IsNullOrWhiteSpace(s.Note)).Select(s => s.Note!).ToList();
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }
}
