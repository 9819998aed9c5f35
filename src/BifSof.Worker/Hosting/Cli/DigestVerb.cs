using System.CommandLine;
using BifSof.Worker.Features.Digest;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>digest preview YYYY-MM [--centre NAME] --out DIR</c>: render a month's digests to files, queueing nothing.</summary>
internal static class DigestVerb
{
    public const string PreviewSynopsis = "digest preview YYYY-MM [--centre NAME] --out DIR";

    public static Command Create(CliContext context)
    {
        var month = CliValues.Month("The month the digests cover, e.g. 2010-11. Its KPIs must be computed.");
        var centre = new Option<string?>("--centre") { Description = "Only this SOF centre's digest, its name exactly as in the extract.", HelpName = "NAME" };
        var outDir = new Option<string>("--out") { Description = "Folder for the .eml and .html files (created when missing).", HelpName = "DIR", Required = true };
        var preview = new Command("preview", "Render a month's digests (each centre's and management's) to .eml and .html files, as the monthly-digest job would send them, without queueing anything. Templates are read from disk at each run, so an edit shows at once.")
        {
            month,
            centre,
            outDir,
        };
        preview.SetAction((result, _) => PreviewAsync(context, result.GetValue(month), result.GetValue(centre), context.FullPath(result.GetValue(outDir)!)));
        return new Command("digest", "The monthly follow-up digest to SOF (docs/digest.md).") { preview };
    }

    private static async Task<int> PreviewAsync(CliContext context, DateOnly month, string? centre, string outDir)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        IReadOnlyList<string> files;
        try
        {
            files = await scope.ServiceProvider.GetRequiredService<DigestPreview>().WriteAsync(month, centre, outDir, CancellationToken.None);
        }
        catch (DigestInputException ex)
        {
            return context.Refuse($"digest preview: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return context.Refuse($"digest preview: cannot write to {outDir}: {ex.Message}");
        }

        await context.WriteAsync(string.Join('\n', files));
        return ExitCodes.Success;
    }
}
