using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// Computes and stores months' KPIs: one transaction per month, which also clears the month's mark in
/// <c>kpi_stale_months</c>. The figures need the catalogue's population rules and targets, so nothing is computed
/// before it is loaded.
/// </summary>
public sealed class KpiService(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<KpiService> logger)
{
    /// <summary>Computes (again) and stores the month's KPIs; null when the month's two extracts are not both in.</summary>
    /// <exception cref="CatalogueNotLoadedException">No population rule is in the catalogue: it was never loaded.</exception>
    public async Task<MonthlyKpis?> ComputeAsync(DateOnly month, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ComputeOnceAsync(month, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                // An import changed a month these figures read while they were computed: compute again from the new data.
            }
        }
    }

    private async Task<MonthlyKpis?> ComputeOnceAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for every figure. The figures read other months (the month before, the year so far) whose imports
        // take other locks; if one of them marks this month stale meanwhile, clearing the mark below fails with a
        // serialization error instead of hiding the change.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        // The import's lock: figures are never computed from a half-replaced month.
        await ExtractMonthLock.AcquireAsync(connection, transaction, month, cancellationToken);
        await using (var state = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM bifsof.population_rules WHERE in_catalogue),
                   coalesce((SELECT matched_at IS NOT NULL FROM bifsof.extract_months WHERE month = @month), false)
            """,
            connection,
            transaction))
        {
            state.Parameters.AddWithValue("month", month);
            await using var reader = await state.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                // Without the rules the population would be a guess and every target missing: refuse rather than mislead.
                throw new CatalogueNotLoadedException();
            }

            if (!reader.GetBoolean(1))
            {
                return null;
            }
        }

        var kpis = await KpiCalculator.ComputeAsync(connection, transaction, month, clock.GetUtcNow(), cancellationToken);
        await using (var store = new NpgsqlCommand(
            """
            INSERT INTO bifsof.monthly_kpis (month, figures, computed_at) VALUES (@month, @figures, @at)
            ON CONFLICT (month) DO UPDATE SET figures = excluded.figures, computed_at = excluded.computed_at;
            DELETE FROM bifsof.kpi_stale_months WHERE month = @month;
            """,
            connection,
            transaction))
        {
            store.Parameters.AddWithValue("month", month);
            store.Parameters.AddWithValue("figures", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(kpis, JsonOutput.Compact));
            store.Parameters.AddWithValue("at", kpis.ComputedAt);
            await store.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        KpiLog.Computed(logger, kpis.Month, kpis.SharedCitizens, kpis.Activation.Rate);
        return kpis;
    }

    /// <summary>Matched months whose data changed since their KPIs were computed, oldest first.</summary>
    public Task<List<DateOnly>> StaleMonthsAsync(CancellationToken cancellationToken) =>
        StaleMonthsAsync(DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);

    /// <summary>The stale matched months from <paramref name="first"/> through <paramref name="last"/>, oldest first.</summary>
    public async Task<List<DateOnly>> StaleMonthsAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT s.month
            FROM bifsof.kpi_stale_months s
            JOIN bifsof.extract_months m ON m.month = s.month AND m.matched_at IS NOT NULL
            WHERE s.month BETWEEN @first AND @last
            ORDER BY s.month
            """);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var months = new List<DateOnly>();
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return months;
    }

    /// <summary>Every stored month's KPIs, oldest first.</summary>
    public async Task<List<MonthlyKpis>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT figures FROM bifsof.monthly_kpis ORDER BY month");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var all = new List<MonthlyKpis>();
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(JsonSerializer.Deserialize<MonthlyKpis>(reader.GetString(0), JsonOutput.Compact)!);
        }

        return all;
    }
}
