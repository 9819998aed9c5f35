namespace BifSof.Worker.Features.Mail;

public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
