using BifSof.Worker.Features.Extracts;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// What an import means for the KPIs. A month's figures read the month itself, the month before it (entries and exits)
/// and the months of its year up to it (the social plans year to date), so a change to month M makes M, M + 1 and the
/// rest of M's year stale. They are marked in the import's own transaction; once the import has committed a matched
/// month, their computation is enqueued at once. The <c>monthly-kpis</c> job stays as the safety net.
/// </summary>
/// <param name="services">
/// Gives the Hangfire client when there is something to enqueue: an import never fails because the job system cannot
/// be reached or built; that failure is logged by the import and the safety net computes the months.
/// </param>
public sealed class KpiRecomputation(IServiceProvider services, TimeProvider clock, ILogger<KpiRecomputation> logger) : IExtractMonthSubscriber
{
    /// <summary>The last month whose figures a change to <paramref name="month"/> reaches: December of its year, or January after a December.</summary>
    public static DateOnly LastAffected(DateOnly month) => month.Month == 12 ? month.AddMonths(1) : new DateOnly(month.Year, 12, 1);

    public async Task MonthReplacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ExtractMonthChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The month itself, and every later month in reach that has figures or is waiting for them (a month without data
        // has nothing to compute). A month already marked is marked again: a computation of it that began before this
        // import then fails to clear the mark (REPEATABLE READ) and computes again, instead of clearing a change it never saw.
        // Rows are marked in month order, so two imports marking the same months cannot deadlock.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO bifsof.kpi_stale_months (month, changed_at)
            SELECT month, @at
            FROM (SELECT @month AS month
                  UNION SELECT month FROM bifsof.monthly_kpis WHERE month > @month AND month <= @through
                  UNION SELECT month FROM bifsof.kpi_stale_months WHERE month > @month AND month <= @through) affected
            ORDER BY month
            ON CONFLICT (month) DO UPDATE SET changed_at = excluded.changed_at
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", change.Month);
        command.Parameters.AddWithValue("through", LastAffected(change.Month));
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task MonthCommittedAsync(ExtractMonthChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.Matched)
        {
            return Task.CompletedTask; // Half a month has no figures; the other extract's import enqueues them.
        }

        var month = ExtractValues.FormatMonth(change.Month);
        var runId = services.GetRequiredService<IBackgroundJobClient>().Enqueue<MonthlyKpisJob>(job => job.ComputeMonthAsync(month, CancellationToken.None));
        KpiLog.Enqueued(logger, month, runId);
        return Task.CompletedTask;
    }
}
