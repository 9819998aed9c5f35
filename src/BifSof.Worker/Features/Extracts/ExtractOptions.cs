namespace BifSof.Worker.Features.Extracts;

/// <summary>The extract inbox, section <c>Extracts</c>.</summary>
public sealed class ExtractOptions
{
    public const string Section = "Extracts";

    /// <summary>
    /// Folder the <c>import-inbox</c> job picks files up from; imported files move to <c>archive/</c> and refused
    /// ones to <c>rejected/</c> below it, each with its report. Relative paths are from the working directory.
    /// </summary>
    public string InboxPath { get; set; } = "inbox";

    /// <summary>A file younger than this (seconds since its last write) may still be arriving and waits. Default 30.</summary>
    public int MinimumFileAgeSeconds { get; set; } = 30;
}
