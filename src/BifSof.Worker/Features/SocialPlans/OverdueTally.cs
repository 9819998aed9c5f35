namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The overdue cases as of <paramref name="AsOf"/>, counted per centre, team, green line and kind (what the page
/// "Handleplaner" and the digest show), with the data month and the version of the extracts they were computed from.
/// </summary>
/// <param name="Version">A fingerprint of every month's extract record up to the as-of day's month: another import,
/// a month deleted by retention or key rotation gives another version.</param>
public sealed record OverdueTally(DateOnly AsOf, DateOnly? DataMonth, string Version, IReadOnlyList<OverdueGroup> Groups);

/// <summary>How many overdue cases of one kind a team has, green-line cases apart.</summary>
public sealed record OverdueGroup(string Centre, string Team, string TeamEmail, bool GreenLine, OverdueKind Kind, int Count);
