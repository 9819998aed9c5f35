namespace BifSof.Worker.Features.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting for delivery (or for its next attempt).</summary>
    Pending,

    /// <summary>Accepted by the SMTP server.</summary>
    Sent,

    /// <summary>Gave up after the configured number of attempts; an admin may retry it.</summary>
    Dead,
}
