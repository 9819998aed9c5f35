namespace BifSof.Worker.Features.Extracts;

public enum ExtractSource
{
    /// <summary>The jobcentres' case system.</summary>
    Bif,

    /// <summary>The social centres' case system.</summary>
    Sof,
}
