using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using Hangfire;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The <c>monthly-kpis</c> job: computes the KPIs of every month whose two extracts are in and whose data changed
/// since (a first import or a correction), one transaction per month. An import enqueues <see cref="ComputeMonthAsync"/>
/// for the month it matched, so figures do not wait for the schedule; the recurring run is the safety net. Without a
/// catalogue both refuse (<see cref="CatalogueNotLoadedException"/>, not retried: loading the catalogue is what helps).
/// </summary>
public sealed class MonthlyKpisJob(KpiService kpis) : IWorkerJob
{
    [JobDisplayName("Beregn månedens nøgletal")]
    [AutomaticRetry(Attempts = 3, ExceptOn = [typeof(CatalogueNotLoadedException)])]
    [OneRunAtATime(timeoutInSeconds: 600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        await ComputeAsync(await kpis.StaleMonthsAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Computes the month an import just matched and the later months that change made stale (through
    /// <see cref="KpiRecomputation.LastAffected"/>). Months computed meanwhile are no longer stale, so a second run
    /// does nothing.
    /// </summary>
    /// <param name="month">The month as <c>YYYY-MM</c>, readable on the dashboard.</param>
    [JobDisplayName("Beregn nøgletal fra {0} efter indlæsning")]
    [AutomaticRetry(Attempts = 3, ExceptOn = [typeof(CatalogueNotLoadedException)])]
    public async Task<string> ComputeMonthAsync(string month, CancellationToken cancellationToken)
    {
        if (!ExtractValues.TryParseMonth(month, out var first))
        {
            throw new ArgumentException($"'{month}' is not a month (YYYY-MM).", nameof(month));
        }

        return await ComputeAsync(await kpis.StaleMonthsAsync(first, KpiRecomputation.LastAffected(first), cancellationToken), cancellationToken);
    }

    private async Task<string> ComputeAsync(List<DateOnly> months, CancellationToken cancellationToken)
    {
        var computed = new List<string>();
        foreach (var month in months)
        {
            if (await kpis.ComputeAsync(month, cancellationToken) is { } result)
            {
                computed.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Month} ({DanishFormat.Number(result.SharedCitizens)} {(result.SharedCitizens == 1 ? "fællesborger" : "fællesborgere")})"));
            }
        }

        return computed.Count == 0
            ? "ingen måneder at beregne"
            : string.Create(CultureInfo.InvariantCulture, $"nøgletal beregnet for {DanishFormat.Number(computed.Count)} {(computed.Count == 1 ? "måned" : "måneder")}: {string.Join(", ", computed)}");
    }
}
