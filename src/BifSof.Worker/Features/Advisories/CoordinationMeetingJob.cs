using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
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
/// The <c>coordination-meetings</c> job (weekday mornings): a counselling centre with at least
/// <see cref="AdvisoryOptions.CoordinationMinimumCases"/> shared citizens marked <c>koordinering</c> = ja in the
/// latest matched month, and no notice in the last <see cref="AdvisoryOptions.CoordinationNoticeDays"/> days, gets
/// one notice proposing a joint meeting, to its team addresses and the catalogue's jobcentre contact. The notice's
/// record and its e-mail are written in one transaction.
/// </summary>
public sealed class CoordinationMeetingJob(
    BifSofDbContext db,
    Outbox outbox,
    IOptions<AdvisoryOptions> options,
    TimeProvider clock,
    ILogger<CoordinationMeetingJob> logger) : IWorkerJob
{
    internal const string Id = "coordination-meetings";
    internal const string Template = "coordination-notice";
    internal const string KeyPrefix = "coordination-notice:";

    /// <summary>The SOF units that are counselling centres (<c>raadgivningscenter_*</c> in the extract contract).</summary>
    internal static readonly string[] CounsellingUnits = ["raadgivningscenter_behandling", "raadgivningscenter_modtager"];

    [JobDisplayName("Foreslå koordinationsmøder for rådgivningscentre")]
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var today = Copenhagen.Today(clock);
        await using var transaction = await db.BeginJobTransactionAsync(Id, cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        var month = await db.ExtractMonths.AsNoTracking()
            .Where(m => m.MatchedAt != null && m.Month <= today)
            .MaxAsync(m => (DateOnly?)m.Month, cancellationToken);
        if (month is null)
        {
            await transaction.CommitAsync(cancellationToken);
            AdvisoryLog.Noticed(logger, today, null, 0, 0, 0);
            return $"{DanishFormat.Date(today)}: ingen måned med begge udtræk; intet lagt i udbakken";
        }

        var centres = await CentresAsync(connection, npgsqlTransaction, month.Value, cancellationToken);
        var queued = new List<string>();
        var spaced = new List<string>();
        var below = new List<string>();
        string? contactName = null;
        string? contactEmail = null;
        foreach (var centre in centres)
        {
            if (centre.Marked < rules.CoordinationMinimumCases)
            {
                below.Add(string.Create(CultureInfo.InvariantCulture, $"{centre.Centre}: {DanishFormat.Number(centre.Marked)}"));
                continue;
            }

            // "No notice in the last N days": a notice on day D blocks days D … D+N−1. A later one (a replay of an
            // earlier day) blocks too, so replaying never proposes a meeting twice within the spacing.
            if (centre.LastNotice is { } last && last.DayNumber > today.DayNumber - rules.CoordinationNoticeDays)
            {
                spaced.Add($"{centre.Centre}: foreslået {DanishFormat.Date(last)}");
                continue;
            }

            if (contactEmail is null)
            {
                (contactName, contactEmail) = await JobcentreContactAsync(cancellationToken);
            }

            var cases = await CasesAsync(connection, npgsqlTransaction, month.Value, centre.Centre, cancellationToken);
            var recipients = centre.TeamEmails.Append(contactEmail).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var key = await RecordAsync(connection, npgsqlTransaction, centre.Centre, today, month.Value, cases.Count, recipients, clock.GetUtcNow(), cancellationToken);
            if (key is null)
            {
                spaced.Add($"{centre.Centre}: foreslået {DanishFormat.Date(today)}");
                continue;
            }

            var email = new CoordinationNoticeEmail(
                centre.Centre,
                DanishFormat.Month(month.Value.Year, month.Value.Month),
                cases.Count,
                rules.CoordinationMinimumCases,
                contactName!,
                today.AddDays(rules.CoordinationNoticeDays),
                cases);
            if (await outbox.EnqueueAsync(new OutgoingEmail(key, Template, email, recipients), cancellationToken))
            {
                queued.Add(string.Create(CultureInfo.InvariantCulture, $"{centre.Centre}: {DanishFormat.Number(cases.Count)} sager"));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        AdvisoryLog.Noticed(logger, today, month, queued.Count, spaced.Count, below.Count);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DanishFormat.Date(today)}, {DanishFormat.Month(month.Value.Year, month.Value.Month)}: {DanishFormat.Number(queued.Count)} forslag om koordinationsmøde lagt i udbakken{List(queued)}; "
            + $"sprunget over: {DanishFormat.Number(spaced.Count)} foreslået inden for {rules.CoordinationNoticeDays} dage{List(spaced)}, "
            + $"{DanishFormat.Number(below.Count)} under {DanishFormat.Number(rules.CoordinationMinimumCases)} markerede sager{List(below)}");
    }

    private static string List(List<string> items) => items.Count == 0 ? string.Empty : " (" + string.Join(", ", items) + ")";

    private async Task<(string Name, string Email)> JobcentreContactAsync(CancellationToken cancellationToken)
    {
        var contact = await db.CatalogueAddresses.AsNoTracking()
            .Where(a => a.Key == CatalogueAddress.JobcentreCoordination && a.InCatalogue)
            .Select(a => new { a.Name, a.Email })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The catalogue has no '{CatalogueAddress.JobcentreCoordination}' address: load a catalogue that lists it.");
        return (contact.Name, contact.Email);
    }

    /// <summary>
    /// Every counselling centre of the month: its shared citizens marked for coordination, every team address its
    /// rows in the SOF extract name, and its latest notice.
    /// </summary>
    private static async Task<List<CentreState>> CentresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT s.centre,
                   count(c.pseudonym) FILTER (WHERE s.coordination)::int AS marked,
                   array_agg(DISTINCT s.team_email ORDER BY s.team_email) AS team_emails,
                   (SELECT max(n.noticed_on) FROM bifsof.coordination_notices n WHERE n.centre = s.centre) AS last_notice
            FROM bifsof.sof_rows s
            LEFT JOIN bifsof.shared_citizens c ON c.month = s.month AND c.pseudonym = s.pseudonym
            WHERE s.month = @month AND s.unit = ANY(@units)
            GROUP BY s.centre
            ORDER BY s.centre
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("units", CounsellingUnits);
        var centres = new List<CentreState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            centres.Add(new CentreState(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetFieldValue<string[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)));
        }

        return centres;
    }

    /// <summary>The centre's shared citizens marked for coordination: case numbers only, by team.</summary>
    private static async Task<List<CoordinationCase>> CasesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, string centre, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.team, c.sof_case_number, c.bif_case_number, b.jobcentre
            FROM bifsof.shared_citizens c
            JOIN bifsof.sof_rows s ON s.month = c.month AND s.pseudonym = c.pseudonym
            JOIN bifsof.bif_rows b ON b.month = c.month AND b.pseudonym = c.pseudonym
            WHERE c.month = @month AND c.centre = @centre AND s.unit = ANY(@units) AND s.coordination
            ORDER BY c.team, c.sof_case_number
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("centre", centre);
        command.Parameters.AddWithValue("units", CounsellingUnits);
        var cases = new List<CoordinationCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new CoordinationCase(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return cases;
    }

    /// <summary>Records the notice; returns its business key, or null when the centre already has one today.</summary>
    private static async Task<string?> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string centre, DateOnly today, DateOnly month, int count, string[] recipients,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The centre's name is not personal data; with the day it names the fact and reads well on the outbox page.
        var key = string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{centre}:{today:yyyy-MM-dd}");
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO bifsof.coordination_notices (centre, noticed_on, month, case_count, recipients, queued_at, business_key)
            VALUES (@centre, @today, @month, @count, @recipients, @now, @key)
            ON CONFLICT (centre, noticed_on) DO NOTHING
            RETURNING business_key
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("centre", centre);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("recipients", recipients);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private sealed record CentreState(string Centre, int Marked, string[] TeamEmails, DateOnly? LastNotice);
}
