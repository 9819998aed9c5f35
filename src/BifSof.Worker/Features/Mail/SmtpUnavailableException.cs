namespace BifSof.Worker.Features.Mail;

/// <summary>The SMTP server could not be reached or dropped the connection; nothing was lost.</summary>
public sealed class SmtpUnavailableException : Exception
{
    public SmtpUnavailableException()
    {
    }

    public SmtpUnavailableException(string message)
        : base(message)
    {
    }

    public SmtpUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What the run did before it failed (the other sessions go on until the outbox is empty); null before.</summary>
    public DispatchReport? Report { get; init; }

    public SmtpUnavailableException(string host, int port, Exception innerException)
        : base($"The SMTP server {host}:{port} is unavailable ({innerException?.Message}); the e-mails stay pending.", innerException)
    {
    }
}
