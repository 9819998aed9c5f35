namespace BifSof.Worker.Features.Digest;

/// <summary>A preview asked for something that is not there (a month without KPIs, an unknown centre); the message says what.</summary>
public sealed class DigestInputException : Exception
{
    public DigestInputException()
    {
    }

    public DigestInputException(string message)
        : base(message)
    {
    }

    public DigestInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
