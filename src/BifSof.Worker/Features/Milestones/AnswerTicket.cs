namespace BifSof.Worker.Features.Milestones;

/// <summary>What a signed answer link grants: one action on one milestone, by its owner, until it expires.</summary>
public sealed record AnswerTicket(string MilestoneId, string OwnerKey, AnswerAction Action, DateTimeOffset ExpiresAt);
