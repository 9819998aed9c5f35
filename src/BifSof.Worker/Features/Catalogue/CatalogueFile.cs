using System.Globalization;
using MimeKit;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>Reads and checks a catalogue file. Every problem is reported with the file and what is wrong.</summary>
public static class CatalogueFile
{
    public static readonly IReadOnlySet<string> Kpis = new HashSet<string>(StringComparer.Ordinal) { "activation_rate", "social_plans_offered" };

    /// <summary>What a baseline or reported figure may measure: a rate (a fraction) or a count.</summary>
    public static readonly IReadOnlySet<string> BaselineKpis = new HashSet<string>(StringComparer.Ordinal) { "activation_rate", "social_plans_produced", "process_notes", "shared_citizens", "shared_citizens_monthly" };

    public static readonly IReadOnlySet<string> BaselineKinds = new HashSet<string>(StringComparer.Ordinal) { "baseline", "reported" };

    public static readonly IReadOnlySet<string> BaselineScopes = new HashSet<string>(StringComparer.Ordinal) { "sof", "bif" };

    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string>(StringComparer.Ordinal) { "met", "not_met" };

    public static CatalogueDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        CatalogueDocument? document;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .WithTypeConverter(new DateOnlyYamlConverter())
                .WithNodeDeserializer(inner => new CatalogueLocatingDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
                .Build();
            using var reader = File.OpenText(path);
            document = deserializer.Deserialize<CatalogueDocument>(reader);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message is { } detail ? $" ({detail})" : string.Empty;
            throw new CatalogueException(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}, line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}{inner}"));
        }

        if (document is null)
        {
            throw new CatalogueException($"{name}: the file is empty.");
        }

        var problems = Check(document);
        if (problems.Count == 0)
        {
            return document;
        }

        // "strategy.yaml, line 42: …" when the first problem has a line, as the reader's own YAML errors read.
        var separator = problems[0].StartsWith("line ", StringComparison.Ordinal) ? ", " : ": ";
        throw new CatalogueException($"{name}{separator}{string.Join("; ", problems)}");
    }

    /// <summary>Consistency rules the YAML shape cannot express.</summary>
    public static List<string> Check(CatalogueDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        if (document.Version != 1)
        {
            problems.Add($"version {document.Version} is not supported (expected 1)");
        }

        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in document.Owners)
        {
            Require(problems, owner.Key, "an owner has no key");
            if (owner.Key is not null && !owners.Add(owner.Key))
            {
                problems.Add($"owner '{owner.Key}' is listed twice");
            }

            Require(problems, owner.Name, $"owner '{owner.Key}' has no name");
            CheckEmail(problems, owner.Email, $"owner '{owner.Key}'", required: true);
            CheckEmail(problems, owner.EscalationEmail, $"owner '{owner.Key}' escalation", required: false);
        }

        foreach (var address in document.Addresses)
        {
            Require(problems, address.Key, "an address has no key");
            CheckEmail(problems, address.Email, $"address '{address.Key}'", required: true);
        }

        Duplicates(problems, document.Addresses.Select(a => a.Key), "address");
        var documents = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var source in document.Documents)
        {
            var at = At(source.Line);
            Require(problems, source.Key, $"{at}a document has no key");
            Require(problems, source.Title, $"{at}document '{source.Key}' has no title");
            if (source.AsOf == default)
            {
                problems.Add($"{at}document '{source.Key}' has no asOf (the day from which what it says is known)");
            }

            if (source.Key is not null && !documents.TryAdd(source.Key, source.AsOf))
            {
                problems.Add($"{at}document '{source.Key}' is listed twice");
            }
        }

        var milestoneIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var initiative in document.Initiatives)
        {
            var label = $"initiative '{initiative.Number}'";
            Require(problems, initiative.Number, "an initiative has no number");
            Require(problems, initiative.Title, $"{label} has no title");
            Require(problems, initiative.PartTitle, $"{label} has no partTitle");
            if (initiative.Owner is null || !owners.Contains(initiative.Owner))
            {
                problems.Add($"{label} names owner '{initiative.Owner}', which is not in owners");
            }

            foreach (var milestone in initiative.Milestones)
            {
                var at = At(milestone.Line);
                Require(problems, milestone.Id, $"{at}a milestone of {label} has no id");
                if (milestone.Id is not null && !milestoneIds.Add(milestone.Id))
                {
                    problems.Add($"{at}milestone '{milestone.Id}' is listed twice");
                }

                Require(problems, milestone.Title, $"{at}milestone '{milestone.Id}' has no title");
                if (milestone.Due == default)
                {
                    problems.Add($"{at}milestone '{milestone.Id}' has no due date");
                }

                var what = $"milestone '{milestone.Id}'";
                if (!MilestoneKindNames.TryParse(milestone.Kind, out var kind))
                {
                    problems.Add($"{at}{what} has kind '{milestone.Kind}' (use deadline or event)");
                }
                else if (kind == MilestoneKind.Event && (milestone.Status == "delayed" || milestone.History.Any(h => h.Status == "delayed")))
                {
                    // An event is no one's deadline, so nothing about it is late.
                    problems.Add($"{at}{what} is an event and cannot be delayed (use planned, in_progress, done or cancelled)");
                }

                CheckState(problems, document, what, milestone.Line, milestone.Status, milestone.Due, milestone.Outcome, milestone.Source, documents);
                var known = documents.GetValueOrDefault(milestone.Source?.Document ?? string.Empty);
                foreach (var entry in milestone.History)
                {
                    var entryWhat = $"{what}, history entry";
                    CheckState(problems, document, entryWhat, entry.Line, entry.Status, entry.Due, entry.Outcome, entry.Source, documents);
                    var asOf = entry.AsOf ?? documents.GetValueOrDefault(entry.Source?.Document ?? string.Empty);
                    if (asOf != default && known != default && asOf < known)
                    {
                        problems.Add($"{At(entry.Line)}{entryWhat} is known from {asOf:yyyy-MM-dd}, before what it follows ({known:yyyy-MM-dd}); list the history oldest first");
                    }

                    known = asOf == default ? known : asOf;
                }
            }
        }

        Duplicates(problems, document.Initiatives.Select(i => i.Number), "initiative");
        foreach (var target in document.Targets)
        {
            Require(problems, target.Id, "a target has no id");
            if (target.Kpi is null || !Kpis.Contains(target.Kpi))
            {
                problems.Add($"target '{target.Id}' has KPI '{target.Kpi}' (use {string.Join(" or ", Kpis)})");
            }

            Require(problems, target.Decision, $"target '{target.Id}' names no decision");
            if (target.ValidFrom == default)
            {
                problems.Add($"target '{target.Id}' has no validFrom");
            }
        }

        Duplicates(problems, document.Targets.Select(t => t.Id), "target");
        foreach (var rule in document.PopulationRules)
        {
            Require(problems, rule.Id, "a population rule has no id");
            if (rule.Groups.Count == 0 || rule.Groups.Any(g => g is < 1 or > 3))
            {
                problems.Add($"population rule '{rule.Id}' must list normalised match groups 1–3");
            }
        }

        Duplicates(problems, document.PopulationRules.Select(r => r.Id), "population rule");
        var baselineIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var baseline in document.Baselines)
        {
            var at = At(baseline.Line);
            var what = $"baseline '{baseline.Id}'";
            Require(problems, baseline.Id, $"{at}a baseline has no id");
            if (baseline.Id is not null && !baselineIds.Add(baseline.Id))
            {
                problems.Add($"{at}{what} is listed twice");
            }

            if (baseline.Kpi is null || !BaselineKpis.Contains(baseline.Kpi))
            {
                problems.Add($"{at}{what} has KPI '{baseline.Kpi}' (use {string.Join(", ", BaselineKpis)})");
            }

            if (baseline.Kind is null || !BaselineKinds.Contains(baseline.Kind))
            {
                problems.Add($"{at}{what} has kind '{baseline.Kind}' (use baseline or reported)");
            }

            if (baseline.Scope is null || !BaselineScopes.Contains(baseline.Scope))
            {
                problems.Add($"{at}{what} has scope '{baseline.Scope}' (use sof or bif)");
            }

            Require(problems, baseline.Period, $"{at}{what} names no period");
            if (baseline.From == default || baseline.To == default || baseline.To < baseline.From)
            {
                problems.Add($"{at}{what} needs from and to, from not after to");
            }

            if (baseline.Value is not { } value || value < 0 || (baseline.Kpi == "activation_rate" && value > 1))
            {
                problems.Add($"{at}{what} needs a value: a fraction 0–1 for a rate (0.19), else a count");
            }

            CheckSource(problems, what, baseline.Line, baseline.Source, documents);
        }

        return problems;
    }

    private static string At(int line) => line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {line}: ") : string.Empty;

    /// <summary>A milestone's own state or a history entry's: its status, date within the period, outcome and source.</summary>
    private static void CheckState(List<string> problems, CatalogueDocument document, string what, int line, string? status, DateOnly? due, string? outcome, CatalogueSource? source, Dictionary<string, DateOnly> documents)
    {
        var at = At(line);
        if (!MilestoneStatusNames.TryParse(status, out var parsed))
        {
            problems.Add($"{at}{what} has status '{status}' (use planned, in_progress, done, delayed or cancelled)");
        }

        if (due is { } date && date != default && document.Period is { } period && (date < period.From || date > period.To))
        {
            problems.Add($"{at}{what} is due {date:yyyy-MM-dd}, outside the catalogue's period {period.From:yyyy-MM-dd} – {period.To:yyyy-MM-dd}");
        }

        if (outcome is not null && (!Outcomes.Contains(outcome) || parsed != MilestoneStatus.Done))
        {
            problems.Add($"{at}{what} has outcome '{outcome}' (use met or not_met, with status done)");
        }

        CheckSource(problems, what, line, source, documents);
    }

    private static void CheckSource(List<string> problems, string what, int line, CatalogueSource? source, Dictionary<string, DateOnly> documents)
    {
        var at = At(source?.Line > 0 ? source.Line : line);
        if (source is null)
        {
            problems.Add($"{at}{what} cites no source (document, section and a quote)");
            return;
        }

        if (source.Document is null || !documents.ContainsKey(source.Document))
        {
            problems.Add($"{at}{what} cites document '{source.Document}', which is not in documents");
        }

        Require(problems, source.Section, $"{at}{what} cites no section or page");
        Require(problems, source.Quote, $"{at}{what} quotes nothing from its source");
    }

    private static void Require(List<string> problems, string? value, string problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(problem);
        }
    }

    private static void CheckEmail(List<string> problems, string? value, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add($"{label} has no e-mail address");
            }

            return;
        }

        if (!MailboxAddress.TryParse(value, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"{label} e-mail '{value}' is not an address");
        }
    }

    private static void Duplicates(List<string> problems, IEnumerable<string?> keys, string kind)
    {
        foreach (var key in keys.Where(k => k is not null).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{kind} '{key.Key}' is listed twice");
        }
    }
}
