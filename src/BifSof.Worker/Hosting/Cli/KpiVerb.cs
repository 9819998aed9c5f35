using System.CommandLine;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>kpi YYYY-MM [--json]</c>: compute (again), store and print a month's KPIs.</summary>
internal static class KpiVerb
{
    public const string Synopsis = "kpi YYYY-MM [--json]";

    public static Command Create(CliContext context)
    {
        var month = CliValues.Month("The month, e.g. 2010-11. Both its extracts must be imported and the catalogue loaded.");
        var json = new Option<bool>("--json") { Description = "Print the contract's JSON shape (docs/cli.md) instead of Danish text." };
        var command = new Command("kpi", "Compute (again), store and print a month's KPIs: shared citizens, entries and exits, the activation rate against its targets, social plans.")
        {
            month,
            json,
        };
        command.SetAction((result, _) => RunAsync(context, result.GetValue(month), result.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, DateOnly month, bool json)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        MonthlyKpis? kpis;
        try
        {
            kpis = await scope.ServiceProvider.GetRequiredService<KpiService>().ComputeAsync(month, CancellationToken.None);
        }
        catch (CatalogueNotLoadedException ex)
        {
            return context.Refuse($"kpi: {ex.Message}");
        }

        var text = ExtractValues.FormatMonth(month);
        if (kpis is null)
        {
            return context.Refuse($"kpi: both extracts of {text} must be imported before its KPIs can be computed.");
        }

        await context.WriteAsync(json ? JsonSerializer.Serialize(kpis, JsonOutput.Compact) : KpiText.Describe(WithGroupNames(kpis)));
        return ExitCodes.Success;
    }

    private static MonthlyKpis WithGroupNames(MonthlyKpis kpis) => kpis with
    {
        Activation = kpis.Activation with
        {
            ByTargetGroup = kpis.Activation.ByTargetGroup.ToDictionary(
                g => TargetGroups.Name(g.Key), // as the page "Nøgletal" names them; the JSON keeps the contract's codes
                g => g.Value,
                StringComparer.Ordinal),
        },
    };
}
