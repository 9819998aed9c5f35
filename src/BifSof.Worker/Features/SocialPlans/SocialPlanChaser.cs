using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// Chases overdue social action plans as of a day (docs/socialplans.md): one chaser per team address at most every
/// <see cref="SocialPlanOptions.ChaserEveryDays"/> days, listing all its overdue cases; a case still overdue after
/// <see cref="SocialPlanOptions.EscalateAfterChasers"/> chasers is escalated once to its centre leader, else the
/// special unit. The e-mails, the chasers and the escalations are written in one transaction.
/// </summary>
public sealed class SocialPlanChaser(
    BifSofDbContext db,
    OverdueCases overdue,
    Outbox outbox,
    IOptions<SocialPlanOptions> options,
    ILogger<SocialPlanChaser> logger)
{
    private const string ChaserTemplate = "social-plan-chase";
    private const string EscalationTemplate = "social-plan-escalation";

    public async Task<ChaseReport> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        await using var transaction = await db.BeginJobTransactionAsync(SocialPlanChaseJob.Id, cancellationToken);

        if (await overdue.DataMonthAsync(today, cancellationToken) is not { } month)
        {
            await transaction.CommitAsync(cancellationToken);
            var none = new ChaseReport(today, null, 0, 0, [], [], [], 0, 0);
            SocialPlanLog.NoData(logger, today);
            return none;
        }

        // A case number is one case: should two citizens ever carry the same one, the case is chased once.
        var cases = (await overdue.ListAsync(today, cancellationToken)).DistinctBy(c => c.SofCaseNumber, StringComparer.Ordinal).ToList();
        var caseNumbers = cases.Select(c => c.SofCaseNumber).Distinct(StringComparer.Ordinal).ToList();
        var history = (await (
                from listed in db.Set<ChaserCase>()
                join chaser in db.Set<Chaser>() on listed.ChaserId equals chaser.Id
                where caseNumbers.Contains(listed.SofCaseNumber) && chaser.ChasedOn < today
                select new { listed.SofCaseNumber, listed.Kind, listed.DueDate, chaser.ChasedOn })
            .ToListAsync(cancellationToken))
            .GroupBy(h => new Fact(h.SofCaseNumber, h.Kind, h.DueDate))
            .ToDictionary(g => g.Key, g => new FactHistory(g.Count(), g.Min(h => h.ChasedOn), g.Max(h => h.ChasedOn)));
        var escalatedBefore = (await db.Set<Escalation>()
                .Where(e => caseNumbers.Contains(e.SofCaseNumber))
                .Select(e => new { e.SofCaseNumber, e.Kind, e.DueDate, e.RecipientKey })
                .ToListAsync(cancellationToken))
            .ToDictionary(e => new Fact(e.SofCaseNumber, e.Kind, e.DueDate), e => e.RecipientKey);

        // Escalate a case the team has had the full chaser interval to act on since its last chaser.
        var toEscalate = cases
            .Where(c => !escalatedBefore.ContainsKey(Fact.Of(c))
                && history.TryGetValue(Fact.Of(c), out var h)
                && h.Count >= rules.EscalateAfterChasers
                && h.Last.DayNumber <= today.DayNumber - rules.ChaserEveryDays)
            .ToList();
        var alreadyEscalated = cases.Count(c => escalatedBefore.ContainsKey(Fact.Of(c)));
        var recipients = await RecipientsAsync(toEscalate, cancellationToken);
        var escalatedTo = toEscalate.ToDictionary(Fact.Of, c => recipients[c.Centre].Key);
        foreach (var (fact, key) in escalatedBefore)
        {
            escalatedTo[fact] = key;
        }

        var queuedBefore = 0;
        var chasers = new List<QueuedChaser>();
        var skipped = new List<SkippedAddress>();
        var byAddress = cases.GroupBy(c => c.TeamEmail.ToLowerInvariant(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var addresses = byAddress.Select(g => g.Key).ToList();
        // The nearest chaser on either side: replaying an earlier day never puts two chasers within the interval.
        var nearby = await db.Set<Chaser>()
            .Where(c => addresses.Contains(c.TeamEmail)
                && c.ChasedOn > today.AddDays(-rules.ChaserEveryDays)
                && c.ChasedOn < today.AddDays(rules.ChaserEveryDays))
            .Select(c => new { c.TeamEmail, c.ChasedOn })
            .ToListAsync(cancellationToken);
        foreach (var group in byAddress)
        {
            var listed = group
                .OrderByDescending(c => c.GreenLine)
                .ThenByDescending(c => c.DaysOverdue)
                .ThenBy(c => c.SofCaseNumber, StringComparer.Ordinal)
                .ToList();
            if (nearby.Where(c => c.TeamEmail == group.Key).OrderBy(c => Math.Abs(c.ChasedOn.DayNumber - today.DayNumber)).FirstOrDefault() is { } blocking)
            {
                skipped.Add(new SkippedAddress(group.Key, listed.Count, blocking.ChasedOn, rules.ChaserEveryDays));
                continue;
            }

            var email = ChaserEmail(group.Key, listed, today, month, history, escalatedTo);
            if (!await outbox.EnqueueAsync(email, cancellationToken))
            {
                queuedBefore++;
                continue;
            }

            var chaser = new Chaser { TeamEmail = group.Key, ChasedOn = today, DataMonth = month, BusinessKey = email.BusinessKey };
            chaser.Cases.AddRange(listed.Select(c => new ChaserCase
            {
                SofCaseNumber = c.SofCaseNumber,
                Kind = c.Kind,
                DueDate = c.DueDate,
                DaysOverdue = c.DaysOverdue,
                GreenLine = c.GreenLine,
                Centre = c.Centre,
                Team = c.Team,
            }));
            db.Add(chaser);
            chasers.Add(new QueuedChaser(group.Key, listed.Count, listed.Count(c => c.GreenLine)));
        }

        var escalations = new List<QueuedEscalation>();
        foreach (var group in toEscalate.GroupBy(c => recipients[c.Centre].Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var recipient = recipients[group.First().Centre];
            var listed = group
                .OrderBy(c => c.Centre, StringComparer.Ordinal)
                .ThenBy(c => c.Team, StringComparer.Ordinal)
                .ThenByDescending(c => c.GreenLine)
                .ThenByDescending(c => c.DaysOverdue)
                .ThenBy(c => c.SofCaseNumber, StringComparer.Ordinal)
                .ToList();
            var email = EscalationEmail(recipient, listed, today, month, history);
            if (!await outbox.EnqueueAsync(email, cancellationToken))
            {
                queuedBefore++;
                continue;
            }

            db.AddRange(listed.Select(c => new Escalation
            {
                SofCaseNumber = c.SofCaseNumber,
                Kind = c.Kind,
                DueDate = c.DueDate,
                DaysOverdue = c.DaysOverdue,
                GreenLine = c.GreenLine,
                Centre = c.Centre,
                Team = c.Team,
                TeamEmail = c.TeamEmail,
                Chasers = history[Fact.Of(c)].Count,
                RecipientKey = recipient.Key,
                RecipientEmail = recipient.Email,
                EscalatedOn = today,
                BusinessKey = email.BusinessKey,
            }));
            escalations.Add(new QueuedEscalation(recipient.Key, recipient.Email, listed.Count));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var report = new ChaseReport(today, month, cases.Count, byAddress.Count, chasers, skipped, escalations, alreadyEscalated, queuedBefore);
        SocialPlanLog.Chased(logger, today, cases.Count, chasers.Count, skipped.Count, report.CasesEscalated);
        return report;
    }

    /// <summary>Each centre's escalation address: its leader's in the catalogue, else the special unit's.</summary>
    private async Task<Dictionary<string, CatalogueAddress>> RecipientsAsync(List<OverdueCase> toEscalate, CancellationToken cancellationToken)
    {
        var centres = toEscalate.Select(c => c.Centre).Distinct(StringComparer.Ordinal).ToList();
        if (centres.Count == 0)
        {
            return [];
        }

        var keys = centres.Select(c => CatalogueAddress.CentreLeaderPrefix + c).Append(CatalogueAddress.SpecialUnit).ToList();
        var addresses = await db.CatalogueAddresses.AsNoTracking()
            .Where(a => a.InCatalogue && keys.Contains(a.Key))
            .ToDictionaryAsync(a => a.Key, StringComparer.Ordinal, cancellationToken);
        var result = new Dictionary<string, CatalogueAddress>(StringComparer.Ordinal);
        foreach (var centre in centres)
        {
            result[centre] = addresses.GetValueOrDefault(CatalogueAddress.CentreLeaderPrefix + centre)
                ?? addresses.GetValueOrDefault(CatalogueAddress.SpecialUnit)
                ?? throw new InvalidOperationException(
                    $"The catalogue has neither a '{CatalogueAddress.CentreLeaderPrefix}{centre}' nor a '{CatalogueAddress.SpecialUnit}' address: load a catalogue that lists one.");
        }

        return result;
    }

    private OutgoingEmail ChaserEmail(
        string address,
        List<OverdueCase> listed,
        DateOnly today,
        DateOnly month,
        Dictionary<Fact, FactHistory> history,
        Dictionary<Fact, string> escalatedTo)
    {
        var rules = options.Value;
        var model = new
        {
            Today = today,
            DataMonth = DanishFormat.Month(month.Year, month.Month),
            Teams = Names(listed.Select(c => c.Team)),
            Centres = Names(listed.Select(c => c.Centre)),
            Count = listed.Count,
            GreenLineCount = listed.Count(c => c.GreenLine),
            EveryDays = rules.ChaserEveryDays,
            DeadlineDays = rules.DeadlineDays,
            GreenLineDeadlineDays = rules.GreenLineDeadlineDays,
            EscalateAfter = rules.EscalateAfterChasers,
            Cases = listed.Select(c => new
            {
                c.SofCaseNumber,
                Kind = OverdueKindNames.Danish(c.Kind),
                Due = c.DueDate,
                c.DaysOverdue,
                c.GreenLine,
                c.Team,
                Chasers = history.TryGetValue(Fact.Of(c), out var h) ? h.Count : 0,
                EscalatedTo = escalatedTo.TryGetValue(Fact.Of(c), out var key) ? RecipientLabel(key) : string.Empty,
            }).ToList(),
        };
        var businessKey = string.Create(CultureInfo.InvariantCulture, $"social-plan-chase:{address}:{today:yyyy-MM-dd}");
        return new OutgoingEmail(businessKey, ChaserTemplate, model, [address]);
    }

    private OutgoingEmail EscalationEmail(CatalogueAddress recipient, List<OverdueCase> listed, DateOnly today, DateOnly month, Dictionary<Fact, FactHistory> history)
    {
        var model = new
        {
            Recipient = recipient.Name,
            ToCentreLeader = recipient.Key != CatalogueAddress.SpecialUnit,
            Today = today,
            DataMonth = DanishFormat.Month(month.Year, month.Month),
            Centres = Names(listed.Select(c => c.Centre)),
            Count = listed.Count,
            GreenLineCount = listed.Count(c => c.GreenLine),
            EscalateAfter = options.Value.EscalateAfterChasers,
            Cases = listed.Select(c => new
            {
                c.SofCaseNumber,
                c.Centre,
                c.Team,
                c.TeamEmail,
                Kind = OverdueKindNames.Danish(c.Kind),
                Due = c.DueDate,
                c.DaysOverdue,
                c.GreenLine,
                Chasers = history[Fact.Of(c)].Count,
                FirstChased = history[Fact.Of(c)].First,
                LastChased = history[Fact.Of(c)].Last,
            }).ToList(),
        };

        // The same cases escalated to the same address on the same day are one e-mail; other cases, another.
        var facts = string.Join('\n', listed.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.SofCaseNumber}|{OverdueKindNames.Code(c.Kind)}|{c.DueDate:yyyy-MM-dd}")).Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(facts)))[..16];
        var businessKey = string.Create(CultureInfo.InvariantCulture, $"social-plan-escalation:{recipient.Key}:{today:yyyy-MM-dd}:{hash}");
        return new OutgoingEmail(businessKey, EscalationTemplate, model, [recipient.Email]);
    }

    private static string RecipientLabel(string key) => key == CatalogueAddress.SpecialUnit ? "Specialenheden" : "centerlederen";

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private readonly record struct Fact(string SofCaseNumber, OverdueKind Kind, DateOnly DueDate)
    {
        public static Fact Of(OverdueCase c) => new(c.SofCaseNumber, c.Kind, c.DueDate);
    }

    private sealed record FactHistory(int Count, DateOnly First, DateOnly Last);
}
