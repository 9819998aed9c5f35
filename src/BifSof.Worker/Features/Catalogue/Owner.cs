namespace BifSof.Worker.Features.Catalogue;

/// <summary>Who owns initiatives and gets their milestone reminders (often a shared mailbox).</summary>
public sealed class Owner
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    /// <summary>Where a milestone 14 days overdue is escalated; null means the special unit.</summary>
    public string? EscalationEmail { get; set; }

    /// <summary>False once a newer catalogue no longer lists it; kept for history.</summary>
    public bool InCatalogue { get; set; } = true;
}
