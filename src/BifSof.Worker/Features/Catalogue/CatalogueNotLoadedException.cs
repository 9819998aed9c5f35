namespace BifSof.Worker.Features.Catalogue;

/// <summary>Figures that need the catalogue's targets and population rules were asked for before it was loaded.</summary>
public sealed class CatalogueNotLoadedException : Exception
{
    public CatalogueNotLoadedException()
        : base("load the catalogue first (indlæs kataloget først): catalogue load")
    {
    }

    public CatalogueNotLoadedException(string message)
        : base(message)
    {
    }

    public CatalogueNotLoadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
