namespace BifSof.Worker.Features.Digest;

/// <summary>A matched month's current version and whether its digests wait for an admin.</summary>
/// <param name="Version">When the month was last matched: a corrected file makes a new version.</param>
/// <param name="Reason">Why the version looks wrong; null when it does not.</param>
public sealed record MonthHold(DateOnly Month, DateTimeOffset Version, int SharedCitizens, string? Reason, string? ConfirmedBy, DateTimeOffset? ConfirmedAt)
{
    /// <summary>Its digests wait: the version looks wrong and no admin has confirmed it.</summary>
    public bool Held => Reason is not null && ConfirmedAt is null;
}
