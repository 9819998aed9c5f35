using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// Loads the strategy catalogue into the database: upsert by id in one transaction. A milestone whose owner has
/// answered keeps its reported status and date; what the file no longer lists is kept, marked as not in the catalogue.
/// E-mail addresses come from the file unless configuration overrides them (<see cref="CatalogueOverrides"/>:
/// <c>Catalogue:Owners:KEY:Email</c>, <c>Catalogue:Owners:KEY:EscalationEmail</c>, <c>Catalogue:Addresses:KEY:Email</c>,
/// or the shell-friendly list form <c>Catalogue:Owners:N:Key</c> with <c>Catalogue:Owners:N:Email</c>).
/// </summary>
public sealed class CatalogueLoader(BifSofDbContext db, IConfiguration configuration, ILogger<CatalogueLoader> logger)
{
    public async Task<CatalogueLoadReport> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var document = CatalogueFile.Read(path);
        var report = new CatalogueLoadReport(Path.GetFileName(path));
        var overrides = new CatalogueOverrides(configuration);
        foreach (var unknown in overrides.Unknown(document.Owners.Select(o => o.Key!), document.Addresses.Select(a => a.Key!)))
        {
            CatalogueLog.UnknownOverride(logger, unknown);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two processes starting at once must not both insert the same rows.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('bifsof-catalogue'))", cancellationToken);

        var owners = await db.Owners.ToDictionaryAsync(o => o.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in document.Owners)
        {
            var key = entry.Key!;
            var owner = Upsert(owners, key, () => new Owner { Key = key, Name = entry.Name!, Email = entry.Email! }, db.Owners, report);
            owner.Name = entry.Name!;
            owner.Email = overrides.OwnerEmail(key) ?? entry.Email!;
            owner.EscalationEmail = overrides.OwnerEscalationEmail(key) ?? entry.EscalationEmail;
            owner.InCatalogue = true;
        }

        Retire(owners.Values, document.Owners.Select(o => o.Key!), o => o.Key, o => o.InCatalogue, o => o.InCatalogue = false, report);

        var addresses = await db.CatalogueAddresses.ToDictionaryAsync(a => a.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in document.Addresses)
        {
            var key = entry.Key!;
            var address = Upsert(addresses, key, () => new CatalogueAddress { Key = key, Name = entry.Name ?? key, Email = entry.Email! }, db.CatalogueAddresses, report);
            address.Name = entry.Name ?? key;
            address.Email = overrides.AddressEmail(key) ?? entry.Email!;
            address.InCatalogue = true;
        }

        Retire(addresses.Values, document.Addresses.Select(a => a.Key!), a => a.Key, a => a.InCatalogue, a => a.InCatalogue = false, report);

        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Number, StringComparer.Ordinal, cancellationToken);
        var milestones = await db.Milestones.ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, cancellationToken);
        var order = 0;
        foreach (var entry in document.Initiatives)
        {
            var number = entry.Number!;
            var initiative = Upsert(initiatives, number, () => new Initiative { Number = number, PartTitle = entry.PartTitle!, Title = entry.Title!, OwnerKey = entry.Owner! }, db.Initiatives, report);
            initiative.Part = entry.Part;
            initiative.PartTitle = entry.PartTitle!;
            initiative.Title = entry.Title!;
            initiative.Description = entry.Description;
            initiative.OwnerKey = entry.Owner!;
            initiative.SortOrder = ++order;
            initiative.InCatalogue = true;

            foreach (var item in entry.Milestones)
            {
                var id = item.Id!;
                var milestone = Upsert(milestones, id, () => new Milestone { Id = id, InitiativeNumber = number, Title = item.Title! }, db.Milestones, report);
                milestone.InitiativeNumber = number;
                milestone.Title = item.Title!;
                milestone.Source = item.Source;
                milestone.SortOrder = ++order;
                milestone.InCatalogue = true;
                if (!milestone.ReportedByOwner)
                {
                    milestone.DueDate = item.Due;
                    milestone.DueText = item.DueText;
                    milestone.Status = MilestoneStatusNames.Parse(item.Status!);
                }
            }
        }

        Retire(initiatives.Values, document.Initiatives.Select(i => i.Number!), i => i.Number, i => i.InCatalogue, i => i.InCatalogue = false, report);
        Retire(milestones.Values, document.Initiatives.SelectMany(i => i.Milestones).Select(m => m.Id!), m => m.Id, m => m.InCatalogue, m => m.InCatalogue = false, report);

        var targets = await db.Targets.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in document.Targets)
        {
            var id = entry.Id!;
            var target = Upsert(targets, id, () => new Target { Id = id, Kpi = entry.Kpi!, Decision = entry.Decision! }, db.Targets, report);
            target.Kpi = entry.Kpi!;
            target.Year = entry.Year;
            target.Value = entry.Value;
            target.Decision = entry.Decision!;
            target.ValidFrom = entry.ValidFrom;
            target.InCatalogue = true;
        }

        Retire(targets.Values, document.Targets.Select(t => t.Id!), t => t.Id, t => t.InCatalogue, t => t.InCatalogue = false, report);

        var rules = await db.PopulationRules.ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in document.PopulationRules)
        {
            var id = entry.Id!;
            var rule = Upsert(rules, id, () => new PopulationRule { Id = id, Groups = [.. entry.Groups], Decision = entry.Decision ?? string.Empty }, db.PopulationRules, report);
            rule.ValidFrom = entry.ValidFrom;
            rule.Groups = [.. entry.Groups.Order()];
            rule.Decision = entry.Decision ?? string.Empty;
            rule.InCatalogue = true;
        }

        Retire(rules.Values, document.PopulationRules.Select(r => r.Id!), r => r.Id, r => r.InCatalogue, r => r.InCatalogue = false, report);

        report.Updated = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Modified);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        CatalogueLog.Loaded(logger, report.File, report.Added, report.Updated, report.Retired);
        return report;
    }

    private static T Upsert<T>(Dictionary<string, T> existing, string key, Func<T> create, DbSet<T> set, CatalogueLoadReport report)
        where T : class
    {
        if (existing.TryGetValue(key, out var found))
        {
            return found;
        }

        var created = create();
        set.Add(created);
        existing[key] = created;
        report.Added++;
        return created;
    }

    /// <summary>Marks what the file no longer lists; counts only what this load retired.</summary>
    private static void Retire<T>(IEnumerable<T> stored, IEnumerable<string> listed, Func<T, string> key, Func<T, bool> inCatalogue, Action<T> retire, CatalogueLoadReport report)
    {
        var keep = listed.ToHashSet(StringComparer.Ordinal);
        foreach (var item in stored.Where(s => !keep.Contains(key(s)) && inCatalogue(s)))
        {
            retire(item);
            report.Retired++;
        }
    }
}
