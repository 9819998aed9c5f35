using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>What the page "Handleplaner" shows, as a model its template renders; it changes nothing.</summary>
public sealed class SocialPlanQueries(BifSofDbContext db, OverdueTallies tallies)
{
    /// <summary>The most recent chasers and escalations the page lists.</summary>
    public const int DefaultHistory = 200;

    public async Task<SocialPlansOverview> OverviewAsync(DateOnly asOf, CancellationToken cancellationToken, int history = DefaultHistory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        // Counted in the database and kept per day and version of the extracts (OverdueTallies): the page shows counts,
        // the list itself is read only by the export.
        var tally = await tallies.GetAsync(asOf, cancellationToken);

        var lastChasers = await db.Set<Chaser>().AsNoTracking()
            .Where(c => c.ChasedOn <= asOf)
            .GroupBy(c => c.TeamEmail)
            .Select(g => new { g.Key, Last = g.Max(c => c.ChasedOn) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, StringComparer.Ordinal, cancellationToken);

        var centres = tally.Groups
            .GroupBy(c => c.Centre, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(centre => new CentreOverdue(
                centre.Key,
                OverdueCounts.Of(centre),
                centre
                    .GroupBy(c => (c.Team, c.TeamEmail))
                    .OrderBy(g => g.Key.Team, StringComparer.Ordinal)
                    .ThenBy(g => g.Key.TeamEmail, StringComparer.Ordinal)
                    .Select(team => new TeamOverdue(
                        team.Key.Team,
                        team.Key.TeamEmail,
                        OverdueCounts.Of(team),
                        lastChasers.TryGetValue(team.Key.TeamEmail.ToLowerInvariant(), out var last) ? last : null))
                    .ToList()))
            .ToList();

        var sent = await (
                from c in db.Set<Chaser>().AsNoTracking()
                where c.ChasedOn <= asOf
                join m in db.OutboxMessages.AsNoTracking() on c.BusinessKey equals m.BusinessKey into mails
                from m in mails.DefaultIfEmpty()
                orderby c.ChasedOn descending, c.TeamEmail
                select new
                {
                    c.Id,
                    c.ChasedOn,
                    c.TeamEmail,
                    Cases = c.Cases.Count,
                    GreenLine = c.Cases.Count(x => x.GreenLine),
                    Status = m == null ? (Mail.OutboxStatus?)null : m.Status,
                    SentAt = m == null ? null : m.SentAt,
                })
            .Take(history)
            .ToListAsync(cancellationToken);
        var ids = sent.Select(c => c.Id).ToList();
        var placed = (await db.Set<ChaserCase>().AsNoTracking()
                .Where(c => ids.Contains(c.ChaserId))
                .Select(c => new { c.ChaserId, c.Centre, c.Team })
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.ChaserId);
        var chasers = sent
            .Select(c => new ChaserSent(
                c.ChasedOn,
                c.TeamEmail,
                Join(placed[c.Id].Select(p => p.Centre)),
                Join(placed[c.Id].Select(p => p.Team)),
                c.Cases,
                c.GreenLine,
                c.Status,
                c.SentAt))
            .ToList();

        var escalations = await (
                from e in db.Set<Escalation>().AsNoTracking()
                where e.EscalatedOn <= asOf
                join m in db.OutboxMessages.AsNoTracking() on e.BusinessKey equals m.BusinessKey into mails
                from m in mails.DefaultIfEmpty()
                orderby e.EscalatedOn descending, e.Centre, e.Team, e.SofCaseNumber
                select new EscalationSent(
                    e.EscalatedOn,
                    e.SofCaseNumber,
                    e.Centre,
                    e.Team,
                    e.Kind,
                    e.DueDate,
                    e.DaysOverdue,
                    e.GreenLine,
                    e.Chasers,
                    e.RecipientKey,
                    e.RecipientEmail,
                    m == null ? null : m.Status,
                    m == null ? null : m.SentAt))
            .Take(history)
            .ToListAsync(cancellationToken);

        return new SocialPlansOverview(asOf, tally.DataMonth, OverdueCounts.Of(tally.Groups), centres, chasers, escalations);
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
