using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>import FILE... [--json]</c>: import BIF/SOF extracts, each all or nothing.</summary>
internal static class ImportVerb
{
    public const string Synopsis = "import FILE... [--json]";

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Extract files (bif_YYYY-MM.csv, sof_YYYY-MM.csv; docs/extracts.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the reports as a JSON array (docs/cli.md) instead of text." };
        var command = new Command("import", "Import BIF/SOF extracts. A refused file changes nothing; the exit code is 2 when any file was refused.")
        {
            files,
            json,
        };
        command.SetAction((result, _) => RunAsync(context, result.GetValue(files)!, result.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] files, bool json)
    {
        await using var app = await context.StartAsync();
        using var progress = new TerminalProgress(context.Console);
        var reports = new List<ImportReport>();
        for (var i = 0; i < files.Length; i++)
        {
            var path = context.FullPath(files[i]);
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"importerer {i + 1}/{files.Length}: {Path.GetFileName(path)}"));
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);
            reports.Add(report);
            if (!json)
            {
                progress.Clear();
                await context.WriteAsync(Describe(report, File.Exists(path) ? null : path));
            }
        }

        progress.Clear();
        if (json)
        {
            await context.WriteAsync(JsonSerializer.Serialize(reports, JsonOutput.Compact));
        }

        return reports.Any(r => r.Status == ImportReport.Rejected) ? ExitCodes.Refused : ExitCodes.Success;
    }

    /// <summary>A report in the words of the page "Indlæsninger": indlæst, uændret, afvist, rækker, fejl.</summary>
    internal static string Describe(ImportReport report, string? missingPath)
    {
        if (missingPath is not null)
        {
            return $"{report.File}: afvist: filen findes ikke: {missingPath}";
        }

        var status = report.Status switch
        {
            ImportReport.Imported => "indlæst",
            ImportReport.Unchanged => "uændret",
            _ => "afvist",
        };
        var source = report.Source?.ToUpperInvariant() ?? "kilde ukendt";
        var month = report.Month is { } m && ExtractValues.TryParseMonth(m, out var first) ? DanishFormat.Month(first.Year, first.Month) : "måned ukendt";
        var text = new StringBuilder($"{report.File}: {status} ({source}, {month}, {DanishFormat.Number(report.Rows)} {(report.Rows == 1 ? "række" : "rækker")})");
        if (report.ErrorCount == 0)
        {
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $", {DanishFormat.Number(report.ErrorCount)} fejl");
        foreach (var error in report.Errors)
        {
            text.Append("\n  ");
            var place = new List<string>();
            if (error.Line > 0)
            {
                place.Add(string.Create(CultureInfo.InvariantCulture, $"linje {error.Line}"));
            }

            if (error.Column is not null)
            {
                place.Add($"kolonne {error.Column}");
            }

            if (error.Value is not null)
            {
                place.Add($"'{error.Value}'");
            }

            text.Append(place.Count > 0 ? $"{string.Join(", ", place)}: {error.Message}" : error.Message);
        }

        if (report.ErrorCount > report.Errors.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  … og {DanishFormat.Number(report.ErrorCount - report.Errors.Count)} mere");
        }

        return text.ToString();
    }
}
