using BifSof.Worker.Common;
using System.CommandLine;
using System.Globalization;
using BifSof.Worker.Features.Catalogue;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>catalogue load [FILE]</c>: load or refresh the strategy catalogue.</summary>
internal static class CatalogueVerb
{
    public const string Synopsis = "catalogue load [FILE]";

    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The catalogue (YAML). Default: BifSof__CatalogueFile, the shipped data/strategy-2009-2011.yaml.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var load = new Command("load", "Load or refresh the strategy catalogue: initiatives, milestones, targets, owners. Statuses owners reported are kept.") { file };
        load.SetAction((result, _) => LoadAsync(context, result.GetValue(file)));
        return new Command("catalogue", "The strategy catalogue.") { load };
    }

    private static async Task<int> LoadAsync(CliContext context, string? file)
    {
        var path = file is null ? null : context.FullPath(file);
        if (path is not null && !File.Exists(path))
        {
            return context.Refuse($"catalogue load: no such file: {path}");
        }

        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        path ??= context.FullPath(scope.ServiceProvider.GetRequiredService<IOptions<BifSofOptions>>().Value.CatalogueFile);
        if (!File.Exists(path))
        {
            return context.Refuse($"catalogue load: no such file: {path} (BifSof__CatalogueFile)");
        }

        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(path, CancellationToken.None);
            await context.WriteAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{report.File}: {report.Added} tilføjet, {report.Updated} opdateret, {report.Retired} ikke længere i kataloget"));
            return ExitCodes.Success;
        }
        catch (CatalogueException ex)
        {
            return context.Refuse(ex.Message);
        }
    }
}
