using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Common.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Features.Advisories;

/// <summary>
/// The <c>benefit-stop-advisories</c> job (weekday mornings): for every shared citizen whose BIF row carries a
/// <c>ydelse_stop_dato</c>, one advisory to the citizen's SOF team, exactly once per citizen and stop date. It scans
/// every matched month up to today, so a month imported late or out of order is advised too (a stop dated after today
/// has not happened yet and waits for its day); the record in
/// <c>benefit_stop_advisories</c> and the outbox e-mail are written in one transaction.
/// </summary>
public sealed class BenefitStopAdvisoryJob(
    BifSofDbContext db,
    Outbox outbox,
    TimeProvider clock,
    IOptions<AdvisoryOptions> options,
    ILogger<BenefitStopAdvisoryJob> logger) : IWorkerJob
{
    internal const string Id = "benefit-stop-advisories";
    internal const string Template = "benefit-stop-advisory";
    internal const string KeyPrefix = "benefit-stop-advisory:";

    [JobDisplayName("Advisér SOF om stoppede ydelser")]
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var today = Copenhagen.Today(clock);
        await using var transaction = await db.BeginJobTransactionAsync(Id, cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        var oldest = today.AddDays(-options.Value.StopLookbackDays);
        var skipped = await SkippedAsync(connection, npgsqlTransaction, today, oldest, cancellationToken);
        var advised = await RecordNewAsync(connection, npgsqlTransaction, today, oldest, clock.GetUtcNow(), cancellationToken);
        var queued = 0;
        foreach (var advisory in advised)
        {
            queued += await outbox.EnqueueAsync(Email(advisory), cancellationToken) ? 1 : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        AdvisoryLog.Advised(logger, today, queued, skipped.AdvisedBefore, skipped.NotShared, skipped.Unmatched);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DanishFormat.Date(today)}: {DanishFormat.Number(queued)} advis om ydelsesstop lagt i udbakken; sprunget over: {DanishFormat.Number(skipped.AdvisedBefore)} adviseret før, "
            + $"{DanishFormat.Number(skipped.NotShared)} hos borgere, der ikke var fællesborgere i stop-måneden, {DanishFormat.Number(skipped.Unmatched)} i måneder uden begge udtræk, "
            + $"{DanishFormat.Number(skipped.TooOld)} stoppet før {DanishFormat.Date(oldest)}");
    }

    private static OutgoingEmail Email(NewAdvisory advisory) =>
        new(
            advisory.BusinessKey,
            Template,
            new BenefitStopAdvisoryEmail(
                advisory.BifCaseNumber,
                advisory.SofCaseNumber,
                advisory.Jobcentre,
                advisory.Centre,
                advisory.Team,
                advisory.StopDate,
                advisory.Reason,
                DanishFormat.Month(advisory.Month.Year, advisory.Month.Month)),
            [advisory.TeamEmail]);

    /// <summary>
    /// The stops in scope (a BIF row of a month up to today with a stop date) that this run will not advise, by
    /// reason, each citizen and stop date counted once.
    /// </summary>
    private static async Task<(int AdvisedBefore, int NotShared, int Unmatched, int TooOld)> SkippedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly today, DateOnly oldest, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH stops AS (
                SELECT b.pseudonym, b.benefit_stop_date AS stop_date,
                       bool_or(c.pseudonym IS NOT NULL) AS shared,
                       bool_or(m.matched_at IS NOT NULL) AS matched
                FROM bifsof.bif_rows b
                JOIN bifsof.extract_months m ON m.month = b.month
                LEFT JOIN bifsof.shared_citizens c ON c.month = b.month AND c.pseudonym = b.pseudonym
                WHERE b.benefit_stop_date IS NOT NULL AND b.month <= @today AND b.benefit_stop_date <= @today
                GROUP BY b.pseudonym, b.benefit_stop_date)
            SELECT count(*) FILTER (WHERE a.id IS NOT NULL)::int,
                   count(*) FILTER (WHERE a.id IS NULL AND s.stop_date >= @oldest AND s.matched AND NOT s.shared)::int,
                   count(*) FILTER (WHERE a.id IS NULL AND s.stop_date >= @oldest AND NOT s.matched)::int,
                   count(*) FILTER (WHERE a.id IS NULL AND s.stop_date < @oldest)::int
            FROM stops s
            LEFT JOIN bifsof.benefit_stop_advisories a ON a.pseudonym = s.pseudonym AND a.stop_date = s.stop_date
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("oldest", oldest);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    /// <summary>
    /// Records every stop not advised before, in one statement. Where several months carry the same citizen and stop
    /// date, the latest of them gives the case numbers and the team (the freshest SOF data). The business key is the
    /// record's own id: stable, and it says nothing about the citizen.
    /// </summary>
    private static async Task<List<NewAdvisory>> RecordNewAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly today, DateOnly oldest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH candidates AS (
                SELECT DISTINCT ON (b.pseudonym, b.benefit_stop_date)
                       b.pseudonym, b.benefit_stop_date, b.month, b.benefit_stop_reason, b.jobcentre,
                       c.bif_case_number, c.sof_case_number, c.centre, c.team, c.team_email
                FROM bifsof.bif_rows b
                JOIN bifsof.shared_citizens c ON c.month = b.month AND c.pseudonym = b.pseudonym
                WHERE b.benefit_stop_date IS NOT NULL AND b.month <= @today AND b.benefit_stop_date BETWEEN @oldest AND @today
                  AND NOT EXISTS (SELECT 1 FROM bifsof.benefit_stop_advisories a
                                  WHERE a.pseudonym = b.pseudonym AND a.stop_date = b.benefit_stop_date)
                ORDER BY b.pseudonym, b.benefit_stop_date, b.month DESC),
            numbered AS (
                SELECT nextval(pg_get_serial_sequence('bifsof.benefit_stop_advisories', 'id')) AS id, candidates.*
                FROM candidates)
            INSERT INTO bifsof.benefit_stop_advisories
                (id, pseudonym, stop_date, month, reason, bif_case_number, sof_case_number, jobcentre, centre, team, team_email,
                 advised_on, queued_at, business_key)
            SELECT id, pseudonym, benefit_stop_date, month, benefit_stop_reason, bif_case_number, sof_case_number, jobcentre, centre,
                   team, team_email, @today, @now, @prefix || id
            FROM numbered
            ON CONFLICT (pseudonym, stop_date) DO NOTHING
            RETURNING id, stop_date, month, reason, bif_case_number, sof_case_number, jobcentre, centre, team, team_email, business_key
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("oldest", oldest);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("prefix", KeyPrefix);
        var advised = new List<NewAdvisory>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            advised.Add(new NewAdvisory(
                reader.GetString(10),
                reader.GetFieldValue<DateOnly>(1),
                reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9)));
        }

        // Advised in the order a reader of the outbox expects: by stop date, then case number.
        return advised.OrderBy(a => a.StopDate).ThenBy(a => a.SofCaseNumber, StringComparer.Ordinal).ToList();
    }

    private sealed record NewAdvisory(
        string BusinessKey, DateOnly StopDate, DateOnly Month, string? Reason, string BifCaseNumber, string SofCaseNumber,
        string Jobcentre, string Centre, string Team, string TeamEmail);
}
