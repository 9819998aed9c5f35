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

    public SmtpUnavailableException(string host, int port, Exception innerException)
        : base($"The SMTP server {host}:{port} is unavailable ({innerException?.Message}); the e-mails stay pending.", innerException)
    {
    }
}
