using BifSof.Worker.Features.Mail;

namespace BifSof.Worker.Features.Advisories;

/// <summary>
/// What the page "Handleplaner" shows of this feature as of a day: the benefit-stop advisories and the coordination
/// notices issued up to that day, newest first. Case numbers only.
/// </summary>
public sealed record AdvisoriesOverview(DateOnly AsOf, IReadOnlyList<AdvisorySent> Advisories, IReadOnlyList<CoordinationNoticeSent> Notices);

/// <summary>One benefit-stop advisory; its outbox status, and <see cref="SentAt"/> when the outbox delivered it (null while pending).</summary>
public sealed record AdvisorySent(
    DateOnly AdvisedOn,
    string BifCaseNumber,
    string SofCaseNumber,
    string Centre,
    string Team,
    DateOnly StopDate,
    string? Reason,
    DateTimeOffset QueuedAt,
    OutboxStatus? Status,
    DateTimeOffset? SentAt);

/// <summary>One coordination notice; <see cref="SentAt"/> is when the outbox delivered it (null while pending).</summary>
public sealed record CoordinationNoticeSent(
    string Centre,
    DateOnly NoticedOn,
    DateOnly Month,
    int CaseCount,
    IReadOnlyList<string> Recipients,
    DateTimeOffset QueuedAt,
    OutboxStatus? Status,
    DateTimeOffset? SentAt);
