using System.Globalization;
using MimeKit;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>Reads and checks a catalogue file. Every problem is reported with the file and what is wrong.</summary>
public static class CatalogueFile
{
    public static readonly IReadOnlySet<string> Kpis = new HashSet<string>(StringComparer.Ordinal) { "activation_rate", "social_plans_offered" };

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
        return problems.Count == 0
            ? document
            : throw new CatalogueException($"{name}: {string.Join("; ", problems)}");
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
                Require(problems, milestone.Id, $"a milestone of {label} has no id");
                if (milestone.Id is not null && !milestoneIds.Add(milestone.Id))
                {
                    problems.Add($"milestone '{milestone.Id}' is listed twice");
                }

                Require(problems, milestone.Title, $"milestone '{milestone.Id}' has no title");
                if (milestone.Due == default)
                {
                    problems.Add($"milestone '{milestone.Id}' has no due date");
                }

                if (!MilestoneStatusNames.TryParse(milestone.Status, out _))
                {
                    problems.Add($"milestone '{milestone.Id}' has status '{milestone.Status}' (use planned, in_progress, done, delayed or cancelled)");
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
        return problems;
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
