namespace BifSof.Worker.Features.Catalogue;

public sealed class Initiative
{
    /// <summary>The action plan's number, e.g. <c>1.2</c>.</summary>
    public required string Number { get; set; }

    /// <summary>Part (indsatsområde) of the action plan, 1–5.</summary>
    public int Part { get; set; }

    public required string PartTitle { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public required string OwnerKey { get; set; }

    public bool InCatalogue { get; set; } = true;

    /// <summary>Its place in the catalogue file, so lists keep the strategy's order.</summary>
    public int SortOrder { get; set; }
}
