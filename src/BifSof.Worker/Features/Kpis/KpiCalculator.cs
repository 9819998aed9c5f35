using BifSof.Worker.Features.Extracts;
using Npgsql;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// Computes a month's KPIs from the matched data, as docs/extracts.md defines them ("Derived facts"), each figure one
/// SQL aggregate. Rates are fractions rounded to 4 decimals; a rate over an empty population is null.
/// </summary>
public static class KpiCalculator
{
    public const string ActivationKpiName = "activation_rate";
    public const string SocialPlansKpiName = "social_plans_offered";

    /// <summary>When no population rule is in force: the strategy's own definition, new match groups 2 and 3.</summary>
    private static readonly int[] DefaultGroups = [2, 3];

    public static async Task<MonthlyKpis> ComputeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var previous = month.AddMonths(-1);
        var yearStart = new DateOnly(month.Year, 1, 1);

        int shared;
        int? entries, exits;
        await using (var command = Command(
            """
            SELECT (SELECT count(*) FROM bifsof.shared_citizens WHERE month = @month)::int,
                   CASE WHEN p.matched THEN (SELECT count(*) FROM bifsof.shared_citizens c WHERE c.month = @month
                        AND NOT EXISTS (SELECT 1 FROM bifsof.shared_citizens o WHERE o.month = @previous AND o.pseudonym = c.pseudonym))::int END,
                   CASE WHEN p.matched THEN (SELECT count(*) FROM bifsof.shared_citizens o WHERE o.month = @previous
                        AND NOT EXISTS (SELECT 1 FROM bifsof.shared_citizens c WHERE c.month = @month AND c.pseudonym = o.pseudonym))::int END
            FROM (SELECT coalesce((SELECT matched_at IS NOT NULL FROM bifsof.extract_months WHERE month = @previous), false) AS matched) p
            """,
            connection,
            transaction,
            ("month", month),
            ("previous", previous)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            shared = reader.GetInt32(0);
            entries = reader.IsDBNull(1) ? null : reader.GetInt32(1);
            exits = reader.IsDBNull(2) ? null : reader.GetInt32(2);
        }

        int[] groups;
        await using (var command = Command(
            "SELECT groups FROM bifsof.population_rules WHERE in_catalogue AND valid_from <= @month ORDER BY valid_from DESC, id DESC LIMIT 1",
            connection,
            transaction,
            ("month", month)))
        {
            groups = await command.ExecuteScalarAsync(cancellationToken) as int[] ?? DefaultGroups;
        }

        var byGroup = SofSchema.TargetGroups.ToDictionary(g => g, _ => new GroupKpi(0, 0, null), StringComparer.Ordinal);
        decimal fte = 0;
        var withHours = 0;
        await using (var command = Command(
            """
            SELECT s.target_group, count(*)::int, (count(*) FILTER (WHERE b.activated))::int,
                   -- least() skips NULLs, so people without hours must be filtered out, not left to count as 1.
                   coalesce(sum(least(b.activation_hours / 37.0, 1)) FILTER (WHERE b.activated AND b.activation_hours IS NOT NULL), 0),
                   (count(*) FILTER (WHERE b.activated AND b.activation_hours IS NOT NULL))::int
            FROM bifsof.shared_citizens s
            JOIN bifsof.bif_rows b ON b.month = s.month AND b.pseudonym = s.pseudonym
            WHERE s.month = @month AND b.unemployed AND s.normalized_group = ANY(@groups)
            GROUP BY s.target_group
            """,
            connection,
            transaction,
            ("month", month),
            ("groups", groups)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var population = reader.GetInt32(1);
                var activated = reader.GetInt32(2);
                byGroup[reader.GetString(0)] = new GroupKpi(population, activated, Rate(activated, population));
                fte += reader.GetDecimal(3);
                withHours += reader.GetInt32(4);
            }
        }

        var total = byGroup.Values.Sum(g => g.Population);
        var active = byGroup.Values.Sum(g => g.Activated);

        int offered, produced, notes, both;
        await using (var command = Command(
            """
            WITH citizens AS (
                SELECT DISTINCT pseudonym FROM bifsof.shared_citizens WHERE month BETWEEN @yearStart AND @month),
            latest AS (
                SELECT DISTINCT ON (r.pseudonym) r.plan_offered, r.plan_produced, r.plan_type
                FROM bifsof.sof_rows r JOIN citizens c ON c.pseudonym = r.pseudonym
                -- Bounded to the year: a citizen shared in one of its months has a SOF row in that month, so the latest
                -- row up to the month is always in the year, and the earlier years need not be read.
                WHERE r.month BETWEEN @yearStart AND @month
                ORDER BY r.pseudonym, r.month DESC)
            SELECT (count(*) FILTER (WHERE extract(year FROM plan_offered) = @year))::int,
                   (count(*) FILTER (WHERE extract(year FROM plan_produced) = @year))::int,
                   (count(*) FILTER (WHERE extract(year FROM plan_produced) = @year AND plan_type = 'procesnotat'))::int,
                   (SELECT count(*) FROM bifsof.shared_citizens s
                    JOIN bifsof.bif_rows b ON b.month = s.month AND b.pseudonym = s.pseudonym
                    JOIN bifsof.sof_rows r ON r.month = s.month AND r.pseudonym = s.pseudonym
                    WHERE s.month = @month AND b.job_plan_date IS NOT NULL AND r.plan_produced IS NOT NULL)::int
            FROM latest
            """,
            connection,
            transaction,
            ("month", month),
            ("yearStart", yearStart),
            ("year", month.Year)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (offered, produced, notes, both) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        var targets = new List<(string Kpi, decimal Value)>();
        await using (var command = Command(
            "SELECT kpi, value FROM bifsof.targets WHERE in_catalogue AND year = @year ORDER BY valid_from, id",
            connection,
            transaction,
            ("year", month.Year)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // numeric(12,4) gives 1000.0000; the division drops the trailing zeros (1000, 0.4).
                targets.Add((reader.GetString(0), reader.GetDecimal(1) / 1.0000000000000000000000000000m));
            }
        }

        return new MonthlyKpis(
            ExtractValues.FormatMonth(month),
            shared,
            entries,
            exits,
            new ActivationKpi(
                total,
                active,
                Rate(active, total),
                Latest(targets, ActivationKpiName),
                First(targets, ActivationKpiName),
                byGroup,
                groups,
                total == 0 ? null : Math.Round(fte / total, 4, MidpointRounding.AwayFromZero),
                withHours),
            new SocialPlanKpi(month.Year, offered, produced, notes, Rate(notes, produced), Latest(targets, SocialPlansKpiName), First(targets, SocialPlansKpiName), both),
            month.Month == 11,
            now);
    }

    public static decimal? Rate(int part, int whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    // The latest decision for the year is the target; the first one is kept beside it (docs/cli.md).
    private static decimal? Latest(List<(string Kpi, decimal Value)> targets, string kpi) =>
        targets.LastOrDefault(t => t.Kpi == kpi) is { Kpi: not null } t ? t.Value : null;

    private static decimal? First(List<(string Kpi, decimal Value)> targets, string kpi) =>
        targets.FirstOrDefault(t => t.Kpi == kpi) is { Kpi: not null } t ? t.Value : null;

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
