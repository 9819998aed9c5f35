using System.Text.Encodings.Web;
using System.Text.Json;

namespace BifSof.Worker.Common;

/// <summary>
/// JSON as the worker writes it for people and scripts (reports, KPIs): æøå as letters, not \u escapes. Only for
/// output that is not embedded in HTML.
/// </summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions Indented { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
