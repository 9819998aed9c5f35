using System.Text.Json.Serialization;

namespace BifSof.Worker.Features.Extracts;

/// <summary>One reason a file was refused. A CPR value is masked (<c>010203-****</c>).</summary>
public sealed record ImportError(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] string? Column,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("message")] string Message);
