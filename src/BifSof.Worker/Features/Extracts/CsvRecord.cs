namespace BifSof.Worker.Features.Extracts;

/// <summary>One record of a CSV file: its fields, and the line it starts on (the header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>How many fields the record had: more than <see cref="Fields"/> holds when it had more than the reader keeps.</summary>
    public int FieldCount { get; init; } = Fields.Count;
}
