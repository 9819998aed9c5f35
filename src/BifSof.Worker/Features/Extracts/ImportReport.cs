using System.Text.Json.Serialization;

namespace BifSof.Worker.Features.Extracts;

/// <summary>The outcome of importing one file, in the JSON shape of docs/cli.md.</summary>
public sealed class ImportReport
{
    public const string Imported = "imported";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";

    /// <summary>How many errors a report lists; the count says how many there were.</summary>
    public const int MaxErrors = 100;

    [JsonPropertyName("file")]
    public required string File { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("month")]
    public string? Month { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = Rejected;

    [JsonPropertyName("rows")]
    public int Rows { get; set; }

    [JsonPropertyName("errorCount")]
    public int ErrorCount { get; set; }

    [JsonPropertyName("errors")]
    public List<ImportError> Errors { get; } = [];

    public void AddError(ImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ErrorCount++;
        if (Errors.Count < MaxErrors)
        {
            Errors.Add(error);
        }
    }
}
