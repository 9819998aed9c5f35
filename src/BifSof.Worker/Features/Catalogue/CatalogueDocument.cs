using YamlDotNet.Serialization;

namespace BifSof.Worker.Features.Catalogue;

// The catalogue file's shape (data/strategy-*.yaml); see docs/catalogue.md. Property names are the file's keys.
#pragma warning disable CA1002, CA2227 // Plain deserialisation targets.
public sealed class CatalogueDocument
{
    public int Version { get; set; }

    public CataloguePeriod? Period { get; set; }

    public List<CatalogueSourceDocument> Documents { get; set; } = [];

    public List<CatalogueOwner> Owners { get; set; } = [];

    public List<CatalogueAddressEntry> Addresses { get; set; } = [];

    public List<CatalogueInitiative> Initiatives { get; set; } = [];

    public List<CatalogueTarget> Targets { get; set; } = [];

    public List<CataloguePopulationRule> PopulationRules { get; set; } = [];

    public List<CatalogueBaseline> Baselines { get; set; } = [];
}

/// <summary>An entry the reader records the line of, so the file's checks can name it.</summary>
public interface ICatalogueLocated
{
    int Line { get; set; }
}

/// <summary>A source document of the catalogue (a seed): what it says is known from <see cref="AsOf"/>.</summary>
public sealed class CatalogueSourceDocument : ICatalogueLocated
{
    public string? Key { get; set; }

    public string? Title { get; set; }

    public string? Seed { get; set; }

    public DateOnly AsOf { get; set; }

    [YamlIgnore]
    public int Line { get; set; }
}

/// <summary>Where a fact comes from: a document of <c>documents</c>, its section or page, and a short verbatim quote.</summary>
public sealed class CatalogueSource : ICatalogueLocated
{
    public string? Document { get; set; }

    public string? Section { get; set; }

    public string? Quote { get; set; }

    [YamlIgnore]
    public int Line { get; set; }
}

public sealed class CataloguePeriod
{
    public string? Key { get; set; }

    public string? Title { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }
}

public sealed class CatalogueOwner
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? EscalationEmail { get; set; }
}

public sealed class CatalogueAddressEntry
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }
}

public sealed class CatalogueInitiative
{
    public string? Number { get; set; }

    public int Part { get; set; }

    public string? PartTitle { get; set; }

    public string? Title { get; set; }

    public string? Owner { get; set; }

    public string? Description { get; set; }

    public List<CatalogueMilestone> Milestones { get; set; } = [];
}

public sealed class CatalogueMilestone : ICatalogueLocated
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public DateOnly Due { get; set; }

    public string? DueText { get; set; }

    /// <summary><c>deadline</c> (empty: the default) or <c>event</c>, a dated fact that is not a deadline.</summary>
    public string? Kind { get; set; }

    public string? Status { get; set; }

    /// <summary><c>met</c> or <c>not_met</c>, for a done milestone that is a target.</summary>
    public string? Outcome { get; set; }

    public string? Note { get; set; }

    public CatalogueSource? Source { get; set; }

    /// <summary>What later documents said, oldest first; each entry keeps its own source.</summary>
    public List<CatalogueMilestoneEntry> History { get; set; } = [];

    [YamlIgnore]
    public int Line { get; set; }
}

/// <summary>A dated statement about a milestone: a new status, a moved date, an outcome or a note.</summary>
public sealed class CatalogueMilestoneEntry : ICatalogueLocated
{
    /// <summary>From when it is known; empty: the source document's <c>asOf</c>.</summary>
    public DateOnly? AsOf { get; set; }

    public string? Status { get; set; }

    /// <summary>A moved date; empty: the date stands.</summary>
    public DateOnly? Due { get; set; }

    public string? DueText { get; set; }

    public string? Outcome { get; set; }

    public string? Note { get; set; }

    public CatalogueSource? Source { get; set; }

    [YamlIgnore]
    public int Line { get; set; }
}

/// <summary>A figure from before the strategy (<c>baseline</c>) or one the administrations reported (<c>reported</c>).</summary>
public sealed class CatalogueBaseline : ICatalogueLocated
{
    public string? Id { get; set; }

    public string? Kpi { get; set; }

    public string? Kind { get; set; }

    public string? Scope { get; set; }

    public string? Group { get; set; }

    public string? Period { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public decimal? Value { get; set; }

    public CatalogueSource? Source { get; set; }

    [YamlIgnore]
    public int Line { get; set; }
}

public sealed class CatalogueTarget
{
    public string? Id { get; set; }

    public string? Kpi { get; set; }

    public int Year { get; set; }

    public decimal Value { get; set; }

    public string? Decision { get; set; }

    public DateOnly ValidFrom { get; set; }
}

public sealed class CataloguePopulationRule
{
    public string? Id { get; set; }

    public DateOnly ValidFrom { get; set; }

    public List<int> Groups { get; set; } = [];

    public string? Decision { get; set; }
}
#pragma warning restore CA1002, CA2227
