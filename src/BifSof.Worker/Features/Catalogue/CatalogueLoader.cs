using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// Loads the strategy catalogue into the database: upsert by id in one transaction. A milestone whose owner has
/// answered keeps its reported status and date; what the file no longer lists is kept, marked as not in the catalogue.
/// E-mail addresses come from the file unless configuration overrides them (<see cref="CatalogueOverrides"/>:
/// <c>Catalogue:Owners:KEY:Email</c>, <c>Catalogue:Owners:KEY:EscalationEmail</c>, <c>Catalogue:Addresses:KEY:Email</c>,
/// or the shell-friendly list form <c>Catalogue:Owners:N:Key</c> with <c>Catalogue:Owners:N:Email</c>).
/// In Production it refuses the whole file while an address is still a reserved example domain (<see cref="PlaceholderAddresses"/>).
/// </summary>
public sealed class CatalogueLoader(BifSofDbContext db, IConfiguration configuration, IHostEnvironment environment, ILogger<CatalogueLoader> logger)
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

        if (environment.IsProduction())
        {
            var placeholders = PlaceholderAddresses.Find(document, overrides);
            if (placeholders.Count > 0)
            {
                throw new CatalogueException($"{report.File}: Production refuses placeholder addresses (reserved example domains); set the real ones in configuration (docs/configuration.md): {string.Join("; ", placeholders)}");
            }
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

        var documents = document.Documents.ToDictionary(d => d.Key!, StringComparer.Ordinal);
        var states = new List<MilestoneState>();
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
                var history = States(item, documents);
                milestone.InitiativeNumber = number;
                milestone.Title = item.Title!;
                milestone.Kind = MilestoneKindNames.Parse(item.Kind);
                milestone.Source = $"{history[0].SourceDocument}, {history[0].SourceSection}";
                milestone.SourceQuote = history[0].SourceQuote;
                milestone.SortOrder = ++order;
                milestone.InCatalogue = true;
                if (!milestone.ReportedByOwner)
                {
                    // The stored state is the latest the catalogue knows; the pages work out the state known on a day.
                    var latest = history[^1];
                    milestone.DueDate = latest.DueDate;
                    milestone.DueText = latest.DueText;
                    milestone.Status = latest.Status;
                    milestone.Outcome = latest.Outcome;
                    milestone.Note = MilestoneState.NotesOfTheLatestDay(history);
                }

                states.AddRange(history);
            }
        }

        Retire(initiatives.Values, document.Initiatives.Select(i => i.Number!), i => i.Number, i => i.InCatalogue, i => i.InCatalogue = false, report);
        Retire(milestones.Values, document.Initiatives.SelectMany(i => i.Milestones).Select(m => m.Id!), m => m.Id, m => m.InCatalogue, m => m.InCatalogue = false, report);

        // A milestone's history is the file's: replaced whole on every load (an owner's answers live apart, in milestone_answers).
        var listed = document.Initiatives.SelectMany(i => i.Milestones).Select(m => m.Id!).ToList();
        await db.Set<MilestoneState>().Where(s => listed.Contains(s.MilestoneId)).ExecuteDeleteAsync(cancellationToken);
        db.Set<MilestoneState>().AddRange(states);

        var baselines = await db.Set<Baseline>().ToDictionaryAsync(b => b.Id, StringComparer.Ordinal, cancellationToken);
        var place = 0;
        foreach (var entry in document.Baselines)
        {
            var id = entry.Id!;
            var source = entry.Source!;
            var baseline = Upsert(baselines, id, () => new Baseline { Id = id, Kpi = entry.Kpi!, Kind = entry.Kind!, Scope = entry.Scope!, Period = entry.Period!, SourceDocument = string.Empty, SourceSection = string.Empty, SourceQuote = string.Empty }, db.Set<Baseline>(), report);
            baseline.Kpi = entry.Kpi!;
            baseline.Kind = entry.Kind!;
            baseline.Scope = entry.Scope!;
            baseline.TargetGroup = entry.Group;
            baseline.Period = entry.Period!;
            baseline.FromDate = entry.From;
            baseline.ToDate = entry.To;
            baseline.Value = entry.Value!.Value;
            baseline.SourceDocument = documents[source.Document!].Title!;
            baseline.SourceSection = source.Section!;
            baseline.SourceQuote = source.Quote!;
            baseline.SortOrder = ++place;
            baseline.InCatalogue = true;
        }

        Retire(baselines.Values, document.Baselines.Select(b => b.Id!), b => b.Id, b => b.InCatalogue, b => b.InCatalogue = false, report);

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

    /// <summary>The milestone's own state, then each history entry: a field an entry leaves out carries over.</summary>
    private static List<MilestoneState> States(CatalogueMilestone item, Dictionary<string, CatalogueSourceDocument> documents)
    {
        var source = item.Source!;
        var first = new MilestoneState
        {
            MilestoneId = item.Id!,
            Sequence = 0,
            AsOf = documents[source.Document!].AsOf,
            Status = MilestoneStatusNames.Parse(item.Status!),
            DueDate = item.Due,
            DueText = item.DueText,
            Outcome = item.Outcome,
            Note = item.Note,
            SourceDocument = documents[source.Document!].Title!,
            SourceSection = source.Section!,
            SourceQuote = source.Quote!,
        };
        var states = new List<MilestoneState> { first };
        foreach (var entry in item.History)
        {
            var before = states[^1];
            var cited = entry.Source!;
            var moved = entry.Due is { } due && due != before.DueDate;
            states.Add(new MilestoneState
            {
                MilestoneId = item.Id!,
                Sequence = states.Count,
                AsOf = entry.AsOf ?? documents[cited.Document!].AsOf,
                Status = MilestoneStatusNames.Parse(entry.Status!),
                DueDate = entry.Due ?? before.DueDate,
                DueText = moved ? entry.DueText : entry.DueText ?? before.DueText,
                Outcome = entry.Outcome,
                Note = entry.Note,
                SourceDocument = documents[cited.Document!].Title!,
                SourceSection = cited.Section!,
                SourceQuote = cited.Quote!,
            });
        }

        return states;
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
