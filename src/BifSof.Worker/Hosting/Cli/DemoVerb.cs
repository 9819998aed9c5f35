using System.CommandLine;
using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Extracts.Demo;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>demo --out DIR [--citizens N] [--seed S]</c>: synthetic extracts for 2009-01 … 2011-12.</summary>
internal static class DemoVerb
{
    public const string Synopsis = "demo --out DIR [--citizens N] [--seed S]";

    private const int MaxCitizens = 1_000_000;

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Folder to write the files to; created when missing, files of the same name replaced.",
            HelpName = "DIR",
            Required = true,
        };
        var citizens = CliValues.Number("--citizens", "N", "Distinct shared citizens in 2009.", 1, MaxCitizens, DemoExtractGenerator.DefaultCitizens);
        var seed = CliValues.Number("--seed", "S", "The same seed and citizens always give the same files.", int.MinValue, int.MaxValue, DemoExtractGenerator.DefaultSeed);
        var command = new Command("demo", "Write synthetic BIF and SOF extracts for 2009-01 … 2011-12, shaped like the strategy's own figures (docs/demo.md). Import them with 'import DIR/*.csv'.")
        {
            outDir,
            citizens,
            seed,
        };
        command.SetAction((result, _) => RunAsync(context, context.FullPath(result.GetValue(outDir)!), result.GetValue(citizens), result.GetValue(seed)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string outDir, int citizens, int seed)
    {
        if (CannotWrite(outDir) is { } reason)
        {
            return context.Refuse($"demo: cannot write to {outDir}: {reason}");
        }

        // The contract: every verb applies pending migrations first, this one too.
        await using var app = await context.StartAsync();
        IReadOnlyList<string> files;
        using (var progress = new TerminalProgress(context.Console))
        {
            var started = TimeProvider.System.GetUtcNow().UtcDateTime;
            var writing = Task.Run(() => new DemoExtractGenerator(citizens, seed).Write(outDir));
            while (!writing.IsCompleted)
            {
                var written = CountWritten(outDir, started);
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"skriver demo-udtræk: {written} {(written == 1 ? "fil" : "filer")}"));
                await Task.WhenAny(writing, Task.Delay(250));
            }

            try
            {
                files = await writing;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                progress.Clear();
                await context.Console.Error.WriteLineAsync($"demo: writing to {outDir} failed: {ex.Message}");
                return ExitCodes.Failure;
            }
        }

        await context.WriteAsync($"skrev {files.Count} filer til {outDir} ({DanishFormat.Number(citizens)} borgere, seed {seed.ToString(CultureInfo.InvariantCulture)})");
        return ExitCodes.Success;
    }

    /// <summary>Why the folder cannot take the files, or null: tried by creating it and a file in it.</summary>
    private static string? CannotWrite(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            var probe = Path.Combine(outDir, $".bifsof-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return ex.Message;
        }
    }

    private static int CountWritten(string outDir, DateTime since)
    {
        try
        {
            return new DirectoryInfo(outDir).EnumerateFiles("*.csv").Count(f => f.LastWriteTimeUtc >= since);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
