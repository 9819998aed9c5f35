namespace BifSof.Worker.Hosting.Cli;

/// <summary>Where a verb reads and writes: the process's console, or a test's buffers.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// The caller's folder, which relative paths on the command line are resolved from: the working directory the
    /// process started in (the project's build sets <c>dotnet run</c> to keep the caller's).
    /// </summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Whether long verbs draw a progress line on <see cref="Error"/>: only when it is a terminal.</summary>
    public bool ShowsProgress { get; init; }

    public static CliConsole System { get; } = new(Console.In, Console.Out, Console.Error) { ShowsProgress = !Console.IsErrorRedirected };
}
