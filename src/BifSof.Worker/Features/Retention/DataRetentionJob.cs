using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Retention;

/// <summary>
/// The <c>data-retention</c> job: deletes, set-based and in one transaction, every row that identifies a citizen and is
/// older than <see cref="RetentionOptions.Years"/> (docs/operations.md, "Retention", has the table-by-table choice).
/// Computed figures (<c>monthly_kpis</c>, the digests' figures) stay. A second run finds nothing left to delete.
/// Plain <c>DELETE … WHERE month/date &lt; cut-off</c>: right whether or not a table is partitioned by month.
/// </summary>
public sealed class DataRetentionJob(BifSofDbContext db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<DataRetentionJob> logger) : IWorkerJob
{
    public const string JobId = "data-retention";

    [JobDisplayName("Slet persondata efter opbevaringsperioden")]
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var years = options.Value.Years;
        var today = Copenhagen.Today(clock);
        var cutoff = Cutoff(today, years);
        var cutoffMonth = new DateOnly(cutoff.Year, cutoff.Month, 1);
        var cutoffLocal = cutoff.ToDateTime(TimeOnly.MinValue);
        var cutoffInstant = new DateTimeOffset(cutoffLocal, Copenhagen.TimeZone.GetUtcOffset(cutoffLocal)).ToUniversalTime();
        var loginFailuresBefore = clock.GetUtcNow().AddDays(-1);

        await using var transaction = await db.BeginJobTransactionAsync(JobId, cancellationToken);
        var d = db.Database;
        // The import takes this lock before it touches the rows (ExtractImporter): taking it first here too makes
        // retention and an import take turns instead of deadlocking over bif_rows/sof_rows and extract_files.
        await d.ExecuteSqlRawAsync("LOCK TABLE bifsof.extract_files IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        // Matching first (it refers to nothing), then the rows, then the months and files the rows referred to.
        var shared = await d.ExecuteSqlAsync($"DELETE FROM bifsof.shared_citizens WHERE month < {cutoffMonth}", cancellationToken);
        var bif = await d.ExecuteSqlAsync($"DELETE FROM bifsof.bif_rows WHERE month < {cutoffMonth}", cancellationToken);
        var sof = await d.ExecuteSqlAsync($"DELETE FROM bifsof.sof_rows WHERE month < {cutoffMonth}", cancellationToken);
        // A month without rows must not be recomputed: its stored KPIs are what is left of it.
        await d.ExecuteSqlAsync($"DELETE FROM bifsof.kpi_stale_months WHERE month < {cutoffMonth}", cancellationToken);
        var months = await d.ExecuteSqlAsync($"DELETE FROM bifsof.extract_months WHERE month < {cutoffMonth}", cancellationToken);
        var files = await d.ExecuteSqlAsync(
            $"""
            DELETE FROM bifsof.extract_files f
            WHERE (f.month < {cutoffMonth} OR (f.month IS NULL AND f.imported_at < {cutoffInstant}))
              AND NOT EXISTS (SELECT 1 FROM bifsof.extract_months m WHERE m.bif_file_id = f.id OR m.sof_file_id = f.id)
            """,
            cancellationToken);
        var advisories = await d.ExecuteSqlAsync($"DELETE FROM bifsof.benefit_stop_advisories WHERE advised_on < {cutoff}", cancellationToken);
        // Their case lists (social_plan_chaser_cases) go with them (ON DELETE CASCADE).
        var chasers = await d.ExecuteSqlAsync($"DELETE FROM bifsof.social_plan_chasers WHERE chased_on < {cutoff}", cancellationToken);
        var escalations = await d.ExecuteSqlAsync($"DELETE FROM bifsof.social_plan_escalations WHERE escalated_on < {cutoff}", cancellationToken);
        // Sent and given-up e-mails carry case numbers in their bodies; attachments go with them (ON DELETE CASCADE).
        var emails = await d.ExecuteSqlAsync(
            $"DELETE FROM bifsof.outbox_messages WHERE created_at < {cutoffInstant} AND status <> 'Pending'",
            cancellationToken);
        // Failed sign-ins hold client addresses and matter for minutes only.
        await d.ExecuteSqlAsync(
            $"DELETE FROM bifsof.login_failures WHERE window_start < {loginFailuresBefore} AND (blocked_until IS NULL OR blocked_until < {loginFailuresBefore})",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var total = shared + bif + sof + months + files + advisories + chasers + escalations + emails;
        RetentionLog.Deleted(logger, today, total, cutoff, years);
        return total == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{DanishFormat.Date(today)}: intet at slette fra før {DanishFormat.Date(cutoff)} ({DanishFormat.Number(years)} år)")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{DanishFormat.Date(today)}: slettet fra før {DanishFormat.Date(cutoff)} ({DanishFormat.Number(years)} år): {DanishFormat.Number(bif)} BIF-rækker, {DanishFormat.Number(sof)} SOF-rækker, {DanishFormat.Number(shared)} fællesborgere, {DanishFormat.Number(months)} måneder, {DanishFormat.Number(files)} indlæsninger, {DanishFormat.Number(advisories)} ydelsesstop-varsler, {DanishFormat.Number(chasers)} rykkere, {DanishFormat.Number(escalations)} eskaleringer, {DanishFormat.Number(emails)} e-mails; nøgletal bevaret");
    }

    /// <summary>The first day that is kept: <paramref name="years"/> years before <paramref name="today"/> (29 February gives 28 February).</summary>
    public static DateOnly Cutoff(DateOnly today, int years) => today.AddYears(-years);
}
