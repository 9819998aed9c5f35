namespace BifSof.Worker.Features.Extracts;

/// <summary>A month's state: which files supply it and whether the matching ran.</summary>
public sealed class ExtractMonth
{
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }

    public long? BifFileId { get; set; }

    public long? SofFileId { get; set; }

    /// <summary>When the shared citizens of the month were last joined; null until both extracts are in.</summary>
    public DateTimeOffset? MatchedAt { get; set; }

    public int? SharedCitizens { get; set; }
}
