namespace BifSof.Worker.Features.Extracts;

/// <summary>One import attempt of one file: imported, unchanged or rejected, with its report.</summary>
public sealed class ExtractFile
{
    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary><c>bif</c> or <c>sof</c>; null when the file did not say.</summary>
    public string? Source { get; set; }

    /// <summary>First day of the month the file describes; null when it could not be told.</summary>
    public DateOnly? Month { get; set; }

    public required string Sha256 { get; set; }

    public string? Encoding { get; set; }

    public required string Status { get; set; }

    public int Rows { get; set; }

    public int ErrorCount { get; set; }

    /// <summary>The report's errors as JSON (CPR values masked), for the dashboard.</summary>
    public string? Errors { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
