using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The overdue social action plans as of a day (docs/socialplans.md), computed in one SQL query. Runs on the
/// context's connection and inside its transaction when one is open, so the chaser job reads what it records.
/// </summary>
public sealed class OverdueCases(BifSofDbContext db, IOptions<SocialPlanOptions> options)
{
    // data_month: the latest month with both extracts matched, up to the month containing the as-of day.
    // citizens: who is shared in that month, with the dates of their SOF row of that month; a date after the as-of
    //   day has not happened yet on that day. Both tables are read for that one month only (an equality on month,
    //   from a one-row subquery: an index range on a plain table, run-time pruning on one partitioned by month).
    // steps: the due date of each step of the case flow (offer, production, follow-up). first_shared, the first
    //   imported month in which the citizen was shared, is looked up only for a citizen with neither offer nor plan
    //   (the only step that needs it), as one probe of ix_shared_citizens_pseudonym_month (no month after data_month
    //   can be the first, since the citizen is shared in data_month). Materialized so each probe runs once a citizen.
    // overdue: per citizen, the first step that is late (offer, then production, then follow-up).
    private const string Steps =
        """
        WITH data_month AS (
            SELECT max(month) AS month FROM bifsof.extract_months
            WHERE matched_at IS NOT NULL AND month <= @monthOfAsOf),
        citizens AS (
            SELECT s.pseudonym, s.month, s.sof_case_number, s.centre, s.team, s.team_email, r.green_line,
                   CASE WHEN r.green_line THEN @greenLineDays ELSE @days END AS deadline,
                   CASE WHEN r.plan_offered <= @asOf THEN r.plan_offered END AS offered,
                   CASE WHEN r.plan_produced <= @asOf THEN r.plan_produced END AS produced,
                   r.plan_follow_up AS follow_up
            FROM bifsof.shared_citizens s
            JOIN bifsof.sof_rows r ON r.month = s.month AND r.pseudonym = s.pseudonym
            WHERE s.month = (SELECT month FROM data_month) AND r.month = (SELECT month FROM data_month)),
        steps AS MATERIALIZED (
            SELECT c.sof_case_number, c.centre, c.team, c.team_email, c.green_line,
                   f.first_shared + c.deadline AS offer_due,
                   CASE WHEN c.offered IS NOT NULL AND c.produced IS NULL THEN c.offered + c.deadline END AS production_due,
                   CASE WHEN c.follow_up IS NOT NULL AND (c.produced IS NULL OR c.produced < c.follow_up) THEN c.follow_up END AS follow_up_due
            FROM citizens c
            LEFT JOIN LATERAL (
                SELECT f.month AS first_shared FROM bifsof.shared_citizens f
                WHERE c.offered IS NULL AND c.produced IS NULL AND f.pseudonym = c.pseudonym AND f.month <= c.month
                ORDER BY f.month
                LIMIT 1) f ON true),
        overdue AS (
            SELECT sof_case_number, centre, team, team_email, green_line,
                   CASE WHEN offer_due < @asOf THEN 'offer'
                        WHEN production_due < @asOf THEN 'production'
                        WHEN follow_up_due < @asOf THEN 'followUp' END AS kind,
                   CASE WHEN offer_due < @asOf THEN offer_due
                        WHEN production_due < @asOf THEN production_due
                        WHEN follow_up_due < @asOf THEN follow_up_due END AS due
            FROM steps)

        """;

    private const string ListSql = Steps +
        """
        SELECT sof_case_number, team, team_email, kind, due, (@asOf - due) AS days_overdue, green_line, centre
        FROM overdue
        WHERE due IS NOT NULL
        ORDER BY team COLLATE "C", team_email COLLATE "C", days_overdue DESC, sof_case_number COLLATE "C"
        """;

    // The same cases counted per centre, team, green line and kind in the database: a few hundred rows instead of
    // the whole list, and a hash aggregate instead of a sort of every case (docs/socialplans.md, "Performance").
    private const string CountSql = Steps +
        """
        SELECT centre, team, team_email, green_line, kind, count(*)::int
        FROM overdue
        WHERE due IS NOT NULL
        GROUP BY centre, team, team_email, green_line, kind
        """;

    // What the list as of a day is computed from: the matched month it reads (data_month above) and a fingerprint of
    // every month's extract record up to the as-of day's month. Each import of a month gives it a new file id (and a
    // new matched_at when it is matched), retention and key rotation delete its record: any change to the rows the
    // list reads (the data month's sof_rows and shared_citizens, and every earlier month's shared_citizens, for the
    // first shared month) changes the fingerprint.
    private const string VersionSql =
        """
        SELECT (SELECT max(month) FROM bifsof.extract_months WHERE matched_at IS NOT NULL AND month <= @monthOfAsOf),
               coalesce((SELECT md5(string_agg(concat_ws('/', month, bif_file_id, sof_file_id, extract(epoch FROM matched_at), shared_citizens), ';' ORDER BY month))
                         FROM bifsof.extract_months WHERE month <= @monthOfAsOf), '')
        """;

    /// <summary>
    /// Every overdue case as of the day, sorted by team (name, then address: two centres' "Voksenteam 1" are two
    /// teams), then days overdue, most first, then case number. Empty when no month up to the day is matched.
    /// </summary>
    public async Task<IReadOnlyList<OverdueCase>> ListAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var cases = new List<OverdueCase>();
        await InTransactionAsync(
            asOf,
            async command =>
            {
                command.CommandText = ListSql;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    cases.Add(new OverdueCase(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        OverdueKindNames.Parse(reader.GetString(3)),
                        reader.GetFieldValue<DateOnly>(4),
                        reader.GetInt32(5),
                        reader.GetBoolean(6),
                        reader.GetString(7)));
                }
            },
            cancellationToken);
        return cases;
    }

    /// <summary>
    /// The same cases as <see cref="ListAsync"/>, counted per centre, team, green line and kind, with the data month
    /// and the <see cref="OverdueTally.Version"/> they were computed from, read in the same snapshot.
    /// </summary>
    public async Task<OverdueTally> CountAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        OverdueTally? tally = null;
        await InTransactionAsync(
            asOf,
            async command =>
            {
                command.CommandText = VersionSql;
                var (month, version) = await ReadVersionAsync(command, cancellationToken);
                command.CommandText = CountSql;
                var groups = new List<OverdueGroup>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    groups.Add(new OverdueGroup(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetBoolean(3),
                        OverdueKindNames.Parse(reader.GetString(4)),
                        reader.GetInt32(5)));
                }

                tally = new OverdueTally(asOf, month, version, groups);
            },
            cancellationToken);
        return tally!;
    }

    /// <summary>The data month of an as-of day and the fingerprint of what its list is computed from (one small query).</summary>
    public async Task<(DateOnly? DataMonth, string Version)> VersionAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(VersionSql, cancellationToken);
        command.Parameters.AddWithValue("monthOfAsOf", new DateOnly(asOf.Year, asOf.Month, 1));
        try
        {
            return await ReadVersionAsync(command, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(DateOnly? DataMonth, string Version)> ReadVersionAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0), reader.GetString(1));
    }

    // JIT compiling this plan (its estimated cost is far above jit_above_cost) takes longer than it saves: about a
    // quarter of the query's time on a month of 170,000 shared citizens (docs/socialplans.md, "Performance"). SET
    // LOCAL needs a transaction: the caller's when one is open (it then holds for the rest of it), else one of our own
    // that only reads, repeatable read so that the version and the counts describe the same data.
    private async Task InTransactionAsync(DateOnly asOf, Func<NpgsqlCommand, Task> read, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var own = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        try
        {
            await using var command = await CommandAsync("SET LOCAL jit = off", cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.Parameters.AddWithValue("asOf", asOf);
            command.Parameters.AddWithValue("monthOfAsOf", new DateOnly(asOf.Year, asOf.Month, 1));
            command.Parameters.AddWithValue("days", rules.DeadlineDays);
            command.Parameters.AddWithValue("greenLineDays", rules.GreenLineDeadlineDays);
            await read(command);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The extract month an as-of day's list is computed from: the latest matched month up to that day's month.</summary>
    public async Task<DateOnly?> DataMonthAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT max(month) FROM bifsof.extract_months WHERE matched_at IS NOT NULL AND month <= @monthOfAsOf",
            cancellationToken);
        command.Parameters.AddWithValue("monthOfAsOf", new DateOnly(asOf.Year, asOf.Month, 1));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateOnly>(0) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Open/close on the context nest: inside a transaction the connection stays open for the caller.
    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new NpgsqlCommand(
            sql,
            (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
