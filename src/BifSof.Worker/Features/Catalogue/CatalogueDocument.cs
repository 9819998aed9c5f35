namespace BifSof.Worker.Features.Catalogue;

// The catalogue file's shape (data/strategy-*.yaml); see docs/catalogue.md. Property names are the file's keys.
#pragma warning disable CA1002, CA2227 // Plain deserialisation targets.
public sealed class CatalogueDocument
{
    public int Version { get; set; }

    public CataloguePeriod? Period { get; set; }

    public List<CatalogueOwner> Owners { get; set; } = [];

    public List<CatalogueAddressEntry> Addresses { get; set; } = [];

    public List<CatalogueInitiative> Initiatives { get; set; } = [];

    public List<CatalogueTarget> Targets { get; set; } = [];

    public List<CataloguePopulationRule> PopulationRules { get; set; } = [];
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

public sealed class CatalogueMilestone
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public DateOnly Due { get; set; }

    public string? DueText { get; set; }

    public string? Status { get; set; }

    public string? Source { get; set; }
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
