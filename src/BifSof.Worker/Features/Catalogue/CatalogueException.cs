namespace BifSof.Worker.Features.Catalogue;

/// <summary>The catalogue file is unreadable or inconsistent; nothing was stored.</summary>
public sealed class CatalogueException : Exception
{
    public CatalogueException()
    {
    }

    public CatalogueException(string message)
        : base(message)
    {
    }

    public CatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
