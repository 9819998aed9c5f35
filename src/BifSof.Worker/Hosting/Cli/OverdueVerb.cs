using System.CommandLine;
using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Features.SocialPlans;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>overdue [--as-of YYYY-MM-DD] [--json]</c>: the overdue social action plans as of a day.</summary>
internal static class OverdueVerb
{
    public const string Synopsis = "overdue [--as-of YYYY-MM-DD] [--json]";

    public static Command Create(CliContext context)
    {
        var asOf = CliValues.AsOf("The day, Copenhagen time. Default: today.");
        var json = new Option<bool>("--json") { Description = "Print the contract's JSON array (docs/cli.md) instead of Danish text." };
        var command = new Command("overdue", "List the overdue social action plans of the citizens shared in the latest imported month up to the day (docs/socialplans.md), by team, most days overdue first. Case numbers only.")
        {
            asOf,
            json,
        };
        command.SetAction((result, _) => RunAsync(context, result.GetValue(asOf), result.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, DateOnly? asOf, bool json)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var day = asOf ?? Copenhagen.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var cases = await scope.ServiceProvider.GetRequiredService<OverdueCases>().ListAsync(day, CancellationToken.None);
        await context.WriteAsync(json ? OverdueJson.Serialize(cases) : Describe(day, cases));
        return ExitCodes.Success;
    }

    private static string Describe(DateOnly day, IReadOnlyList<OverdueCase> cases)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Sociale handleplaner over frist pr. {DanishFormat.Date(day)}: {DanishFormat.Number(cases.Count)}");
        foreach (var team in cases.GroupBy(c => (c.Team, c.TeamEmail)))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n{team.Key.Team} <{team.Key.TeamEmail}>: {DanishFormat.Number(team.Count())}");
            foreach (var c in team)
            {
                var days = c.DaysOverdue == 1 ? "1 dag" : $"{DanishFormat.Number(c.DaysOverdue)} dage";
                text.Append(CultureInfo.InvariantCulture, $"\n  {c.SofCaseNumber,-16} {OverdueKindNames.Danish(c.Kind),-30} frist {DanishFormat.Date(c.DueDate),-18} {days} over frist{(c.GreenLine ? "  (grøn linie)" : string.Empty)}");
            }
        }

        return text.ToString();
    }
}
