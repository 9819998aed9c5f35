using System.Globalization;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// The <c>monthly-digest</c> job (weekday mornings). It covers the latest month that is over, has both extracts and
/// computed KPIs, and sends its digests once; it never goes back to an older month, so a new installation with years of
/// history sends the latest month only. A month whose figures changed after its digests went out gets a correction
/// (<c>Rettelse:</c>) once per change, to the recipients whose figures changed. A held month (<see cref="DigestHolds"/>)
/// waits. Everything is queued in one transaction with the records of what was sent, by business key.
/// </summary>
public sealed class MonthlyDigestJob(
    BifSofDbContext db,
    Outbox outbox,
    DigestQueries queries,
    DigestHolds holds,
    TimeProvider clock,
    ILogger<MonthlyDigestJob> logger) : IWorkerJob
{
    internal const string Id = "monthly-digest";

    [JobDisplayName("Send månedens opfølgning til SOF")]
    [AutomaticRetry(Attempts = 3)]
    [OneRunAtATime(timeoutInSeconds: 600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var today = Copenhagen.Today(clock);
        // The job's own lock first: a scheduled run and a `run` by hand take turns, and the second sees the first's records.
        await using var transaction = await db.BeginJobTransactionAsync(Id, cancellationToken);
        var review = (await holds.ReviewAsync(cancellationToken)).ToDictionary(m => m.Month);
        var ready = await queries.ReadyMonthsAsync(today, cancellationToken);
        var latestFinished = await queries.LatestFinishedMonthAsync(today, cancellationToken);
        var sent = await db.Set<DigestRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var lastSent = sent.Count == 0 ? (DateOnly?)null : sent.Max(r => r.Month);
        var report = new List<string>();

        if (ready.Count == 0)
        {
            report.Add("ingen måned med begge udtræk og beregnede nøgletal");
        }
        else if (latestFinished is { } newest && newest > ready[^1].Month)
        {
            // The latest month's KPIs are being computed: wait for them rather than send an older month.
            report.Add($"{Name(newest)} venter på sine nøgletal; ingen ældre måned sendes i stedet");
        }
        else if (ready[^1] is var (latest, computedAt) && (lastSent is null || latest > lastSent))
        {
            report.Add(review.TryGetValue(latest, out var hold) && hold.Held
                ? $"{Name(latest)} venter på en administrators bekræftelse under Indlæsninger: {hold.Reason}"
                : await SendAsync(latest, computedAt, today, cancellationToken));
        }
        else
        {
            report.Add($"{Name(ready[^1].Month)} er sendt før");
        }

        var readyAt = ready.ToDictionary(r => r.Month, r => r.KpisComputedAt);
        foreach (var month in sent.Select(r => r.Month).Distinct().Order())
        {
            var records = sent.Where(r => r.Month == month).ToList();
            if (!readyAt.TryGetValue(month, out var computed) || records.Max(r => r.KpisComputedAt) >= computed)
            {
                continue; // Not recomputed since its digests went out (or being recomputed now): nothing to correct yet.
            }

            if (review.TryGetValue(month, out var hold) && hold.Held)
            {
                report.Add($"rettelse af {Name(month)} venter på en administrators bekræftelse under Indlæsninger: {hold.Reason}");
                continue;
            }

            if (await CorrectAsync(month, computed, records, today, cancellationToken) is { } corrected)
            {
                report.Add(corrected);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{DanishFormat.Date(today)}: {string.Join("; ", report)}");
    }

    private async Task<string> SendAsync(DateOnly month, DateTimeOffset computedAt, DateOnly today, CancellationToken cancellationToken)
    {
        var data = await queries.LoadAsync(month, today, cancellationToken) ?? throw new InvalidOperationException($"The KPIs of {Name(month)} vanished while its digest was made.");
        if (data.Management is null)
        {
            throw new InvalidOperationException("The catalogue has no 'sof-management' address: load a catalogue that lists it.");
        }

        var emails = DigestComposer.Compose(data);
        var queued = 0;
        foreach (var email in emails)
        {
            if (await outbox.EnqueueAsync(email.ToOutgoing(email.Key, email.Model), cancellationToken))
            {
                queued++;
                Record(email, DigestRecord.Original, email.Key, computedAt);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        DigestLog.Queued(logger, month, queued, emails.Count - queued);
        var centres = emails.Count(e => e.Centre is not null);
        return string.Create(CultureInfo.InvariantCulture, $"{Name(month)}: {DanishFormat.Number(centres)} centre og ledelsen, {DanishFormat.Number(queued)} e-mails lagt i udbakken, {DanishFormat.Number(emails.Count - queued)} var lagt der før");
    }

    private async Task<string?> CorrectAsync(DateOnly month, DateTimeOffset computedAt, List<DigestRecord> records, DateOnly today, CancellationToken cancellationToken)
    {
        var data = await queries.LoadAsync(month, today, cancellationToken);
        if (data is null)
        {
            return null;
        }

        var corrected = new List<string>();
        foreach (var email in DigestComposer.Compose(data))
        {
            // A recipient that got no digest of the month (a centre new in a corrected file) gets the correction too.
            var previous = records.LastOrDefault(r => r.Audience == email.Audience);
            var before = previous is null ? [] : JsonSerializer.Deserialize<List<DigestFigure>>(previous.Figures, JsonOutput.Compact) ?? [];
            var changes = FigureChange.Between(before, email.Figures);
            if (changes.Count == 0)
            {
                continue;
            }

            var key = email.CorrectionKey(records.Count(r => r.Audience == email.Audience));
            if (await outbox.EnqueueAsync(email.ToOutgoing(key, email.Model with { Correction = changes }), cancellationToken))
            {
                Record(email, DigestRecord.Correction, key, computedAt);
                corrected.Add(email.Centre ?? "ledelsen");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (corrected.Count == 0)
        {
            return null;
        }

        DigestLog.Corrected(logger, month, corrected.Count);
        return $"rettelse af {Name(month)} lagt i udbakken til {string.Join(", ", corrected)}";
    }

    private void Record(DigestEmail email, string kind, string key, DateTimeOffset computedAt) =>
        db.Add(new DigestRecord
        {
            Month = email.Month,
            Audience = email.Audience,
            Kind = kind,
            BusinessKey = key,
            Figures = JsonSerializer.Serialize(email.Figures, JsonOutput.Compact),
            KpisComputedAt = computedAt,
            QueuedAt = clock.GetUtcNow(),
        });

    private static string Name(DateOnly month) => DanishFormat.Month(month.Year, month.Month);
}
