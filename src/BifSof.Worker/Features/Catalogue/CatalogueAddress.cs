namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// A fixed recipient: <c>special-unit</c>, <c>sof-management</c>, <c>jobcentre-coordination</c>, or
/// <c>centre-leader:NAME</c> for a SOF centre's leader.
/// </summary>
public sealed class CatalogueAddress
{
    public const string SpecialUnit = "special-unit";
    public const string SofManagement = "sof-management";
    public const string JobcentreCoordination = "jobcentre-coordination";
    public const string CentreLeaderPrefix = "centre-leader:";

    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public bool InCatalogue { get; set; } = true;
}
