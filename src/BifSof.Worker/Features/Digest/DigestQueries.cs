using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Reads what a month's digests show, each part one set-based query: the centres' figures, the gross and entry/exit
/// lists (case numbers, never the pseudonym), the recipients and the stored KPIs. Overdue plans come from
/// <see cref="IOverduePlanCounts"/> when one is registered.
/// </summary>
public sealed class DigestQueries(NpgsqlDataSource dataSource, KpiService kpis, IOptions<DigestOptions> options, IServiceProvider services)
{
    /// <summary>The latest month over on <paramref name="today"/> with both extracts matched, ready or not.</summary>
    public async Task<DateOnly?> LatestFinishedMonthAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT max(month) FROM bifsof.extract_months WHERE matched_at IS NOT NULL AND month < @thisMonth");
        command.Parameters.AddWithValue("thisMonth", new DateOnly(today.Year, today.Month, 1));
        return await command.ExecuteScalarAsync(cancellationToken) is DateOnly month ? month : null;
    }

    /// <summary>
    /// Months a digest may cover on <paramref name="today"/>: both extracts matched, KPIs computed and not stale, and the
    /// month over (a month's extracts describe it after it ended), with when their KPIs were computed. Oldest first.
    /// </summary>
    public async Task<List<(DateOnly Month, DateTimeOffset KpisComputedAt)>> ReadyMonthsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT m.month, k.computed_at
            FROM bifsof.extract_months m
            JOIN bifsof.monthly_kpis k ON k.month = m.month
            WHERE m.matched_at IS NOT NULL AND m.month < @thisMonth
              AND NOT EXISTS (SELECT 1 FROM bifsof.kpi_stale_months s WHERE s.month = m.month)
            ORDER BY m.month
            """);
        command.Parameters.AddWithValue("thisMonth", new DateOnly(today.Year, today.Month, 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var months = new List<(DateOnly, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add((reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return months;
    }

    /// <summary>The month's digest data, or null when its KPIs are not computed.</summary>
    public async Task<DigestMonthData?> LoadAsync(DateOnly month, DateOnly asOf, CancellationToken cancellationToken)
    {
        var all = await kpis.AllAsync(cancellationToken);
        var label = ExtractValues.FormatMonth(month);
        var index = all.FindIndex(k => k.Month == label);
        if (index < 0)
        {
            return null;
        }

        var first = Math.Max(0, index - options.Value.TrendMonths + 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot: the figures, the lists and the recipients describe the same version of the month.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var centres = await CentresAsync(connection, transaction, month, cancellationToken);
        var cases = await CasesAsync(connection, transaction, month, cancellationToken);
        var teams = await TeamAddressesAsync(connection, transaction, month, cancellationToken);
        var (leaders, management) = await AddressesAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var overdue = services.GetService<IOverduePlanCounts>() is { } counts ? await counts.CountAsync(asOf, cancellationToken) : null;
        return new DigestMonthData(month, asOf, all[index], all.GetRange(first, index - first + 1), centres, cases, teams, leaders, management, overdue);
    }

    private static async Task<List<CentreFigures>> CentresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH known AS (
                SELECT coalesce((SELECT matched_at IS NOT NULL FROM bifsof.extract_months WHERE month = @previous), false) AS matched),
            cur AS (SELECT pseudonym, centre FROM bifsof.shared_citizens WHERE month = @month),
            prev AS (SELECT pseudonym, centre FROM bifsof.shared_citizens WHERE month = @previous),
            shared AS (
                SELECT centre, count(*)::int AS n,
                       (count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM prev WHERE prev.pseudonym = cur.pseudonym)))::int AS entries
                FROM cur GROUP BY centre),
            exits AS (
                SELECT centre, (count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cur WHERE cur.pseudonym = prev.pseudonym)))::int AS n
                FROM prev GROUP BY centre),
            year_citizens AS (
                SELECT DISTINCT pseudonym FROM bifsof.shared_citizens WHERE month BETWEEN @yearStart AND @month),
            latest AS (
                SELECT DISTINCT ON (r.pseudonym) r.centre, r.plan_offered, r.plan_produced
                FROM bifsof.sof_rows r JOIN year_citizens c ON c.pseudonym = r.pseudonym
                WHERE r.month <= @month
                ORDER BY r.pseudonym, r.month DESC),
            plans AS (
                SELECT centre,
                       (count(*) FILTER (WHERE extract(year FROM plan_offered) = @year))::int AS offered,
                       (count(*) FILTER (WHERE extract(year FROM plan_produced) = @year))::int AS produced
                FROM latest GROUP BY centre),
            centres AS (SELECT centre FROM shared UNION SELECT centre FROM exits UNION SELECT centre FROM plans)
            SELECT c.centre, coalesce(s.n, 0),
                   CASE WHEN known.matched THEN coalesce(s.entries, 0) END,
                   CASE WHEN known.matched THEN coalesce(e.n, 0) END,
                   coalesce(p.offered, 0), coalesce(p.produced, 0)
            FROM centres c CROSS JOIN known
            LEFT JOIN shared s ON s.centre = c.centre
            LEFT JOIN exits e ON e.centre = c.centre
            LEFT JOIN plans p ON p.centre = c.centre
            ORDER BY c.centre
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("previous", month.AddMonths(-1));
        command.Parameters.AddWithValue("yearStart", new DateOnly(month.Year, 1, 1));
        command.Parameters.AddWithValue("year", month.Year);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var centres = new List<CentreFigures>();
        while (await reader.ReadAsync(cancellationToken))
        {
            centres.Add(new CentreFigures(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetInt32(5)));
        }

        // Ordinal order, so the digest and its workbook list centres the same way whatever the database's collation.
        return centres.OrderBy(c => c.Centre, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<CaseRow>> CasesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH known AS (
                SELECT coalesce((SELECT matched_at IS NOT NULL FROM bifsof.extract_months WHERE month = @previous), false) AS matched)
            SELECT s.centre, CASE WHEN known.matched AND p.pseudonym IS NULL THEN 'tilgang' ELSE '' END,
                   s.sof_case_number, s.bif_case_number, s.team, s.target_group, s.normalized_group,
                   r.plan_offered, r.plan_produced, r.plan_type, r.plan_follow_up, r.green_line
            FROM bifsof.shared_citizens s
            CROSS JOIN known
            JOIN bifsof.sof_rows r ON r.month = s.month AND r.pseudonym = s.pseudonym
            LEFT JOIN bifsof.shared_citizens p ON p.month = @previous AND p.pseudonym = s.pseudonym
            WHERE s.month = @month
            UNION ALL
            SELECT p.centre, 'afgang', p.sof_case_number, p.bif_case_number, p.team, p.target_group, p.normalized_group,
                   r.plan_offered, r.plan_produced, r.plan_type, r.plan_follow_up, r.green_line
            FROM bifsof.shared_citizens p
            CROSS JOIN known
            JOIN bifsof.sof_rows r ON r.month = p.month AND r.pseudonym = p.pseudonym
            WHERE p.month = @previous AND known.matched
              AND NOT EXISTS (SELECT 1 FROM bifsof.shared_citizens c WHERE c.month = @month AND c.pseudonym = p.pseudonym)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("previous", month.AddMonths(-1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CaseRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CaseRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt16(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                reader.GetBoolean(11)));
        }

        return rows
            .OrderBy(r => r.Centre, StringComparer.Ordinal)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ThenBy(r => r.SofCaseNumber, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every team address of each centre in the month's SOF extract.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> TeamAddressesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT centre, array_agg(DISTINCT lower(team_email)) FROM bifsof.sof_rows WHERE month = @month GROUP BY centre",
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var teams = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            teams[reader.GetString(0)] = reader.GetFieldValue<string[]>(1).Order(StringComparer.Ordinal).ToList();
        }

        return teams;
    }

    private static async Task<(Dictionary<string, string> Leaders, string? Management)> AddressesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT key, email FROM bifsof.catalogue_addresses WHERE in_catalogue AND (key = @management OR key LIKE @leaders)",
            connection,
            transaction);
        command.Parameters.AddWithValue("management", CatalogueAddress.SofManagement);
        command.Parameters.AddWithValue("leaders", CatalogueAddress.CentreLeaderPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leaders = new Dictionary<string, string>(StringComparer.Ordinal);
        string? management = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (key == CatalogueAddress.SofManagement)
            {
                management = reader.GetString(1);
            }
            else
            {
                leaders[key[CatalogueAddress.CentreLeaderPrefix.Length..]] = reader.GetString(1);
            }
        }

        return (leaders, management);
    }
}
