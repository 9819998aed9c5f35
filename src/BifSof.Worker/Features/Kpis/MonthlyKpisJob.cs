using System.Globalization;
using BifSof.Worker.Common.Jobs;
using Hangfire;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The <c>monthly-kpis</c> job: computes the KPIs of every month whose two extracts are in and whose data changed
/// since (a first import or a correction), one transaction per month.
/// </summary>
public sealed class MonthlyKpisJob(KpiService kpis) : IWorkerJob
{
    [JobDisplayName("Beregn månedens nøgletal")]
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var computed = new List<string>();
        foreach (var month in await kpis.StaleMonthsAsync(cancellationToken))
        {
            if (await kpis.ComputeAsync(month, cancellationToken) is { } result)
            {
                computed.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Month} ({result.SharedCitizens} fællesborgere)"));
            }
        }

        return computed.Count == 0
            ? "ingen måneder at beregne"
            : string.Create(CultureInfo.InvariantCulture, $"nøgletal beregnet for {computed.Count} måneder: {string.Join(", ", computed)}");
    }
}
