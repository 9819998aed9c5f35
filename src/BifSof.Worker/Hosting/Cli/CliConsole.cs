namespace BifSof.Worker.Hosting.Cli;

/// <summary>Where a verb reads and writes: the process's console, or a test's buffers.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.In, Console.Out, Console.Error);
}
