namespace BifSof.Worker.Features.Mail;

/// <summary>Outgoing mail, section <c>Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>SMTP server host name. Required.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port. Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. <c>BifSofWorker &lt;bifsof@kk.dk&gt;</c>. Required.</summary>
    public string? From { get; set; }

    /// <summary>User name, when the server requires authentication.</summary>
    public string? User { get; set; }

    /// <summary>Password for <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>TLS: <c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Network timeout per SMTP command, in seconds. Default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many e-mails one connection sends before the next batch is claimed. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many SMTP sessions one dispatch run keeps open in parallel, each claiming its own batches. Default 1 (a kill then costs at most one e-mail twice), at most
    /// 16; 1 sends one message at a time over one connection.
    /// </summary>
    public int Sessions { get; set; } = 1;

    /// <summary>
    /// How long a dispatcher's claim on an e-mail holds, in seconds. It is renewed just before each e-mail is sent, so it
    /// need only outlast one send; e-mails of a batch still waiting when it runs out may be taken by another
    /// dispatcher, and are then skipped here. It is also how long the e-mails a killed dispatcher had claimed wait
    /// before another takes them. Unset (0): 120, or twice <see cref="TimeoutSeconds"/> when that is more; set, at least
    /// twice <see cref="TimeoutSeconds"/>.
    /// </summary>
    public int ClaimSeconds { get; set; }

    /// <summary>The lease in force: <see cref="ClaimSeconds"/>, or its default when unset.</summary>
    public int EffectiveClaimSeconds => ClaimSeconds > 0 ? ClaimSeconds : Math.Max(120, 2 * TimeoutSeconds);

    /// <summary>Delivery attempts before an e-mail is parked as dead. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;
}
