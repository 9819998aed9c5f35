namespace BifSof.Worker.Features.Catalogue;

/// <summary>Which normalised match groups count in the activation rate's population, from a month on.</summary>
public sealed class PopulationRule
{
    public required string Id { get; set; }

    public DateOnly ValidFrom { get; set; }

    public required int[] Groups { get; set; }

    public required string Decision { get; set; }

    public bool InCatalogue { get; set; } = true;
}
