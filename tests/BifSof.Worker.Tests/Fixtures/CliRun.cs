using BifSof.Worker.Hosting.Cli;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Runs a CLI verb in-process, as the executable would, and captures what it prints.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

public static class CliRun
{
    public static async Task<CliResult> RunWithInputAsync(WorkerSettings settings, string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await WorkerCommandLine.RunAsync(args, new CliConsole(input, output, error), settings.Apply);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(WorkerSettings settings, params string[] args) => RunWithInputAsync(settings, string.Empty, args);
}
