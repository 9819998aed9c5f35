using BifSof.Worker.Features.Mail;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The page "Handleplaner" as of a day: overdue cases per centre and team by kind (green line apart), the chasers
/// and escalations sent up to that day. Case numbers only (the overdue list itself is <see cref="OverdueCases.ListAsync"/>).
/// </summary>
public sealed record SocialPlansOverview(
    DateOnly AsOf,
    DateOnly? DataMonth,
    OverdueCounts Total,
    IReadOnlyList<CentreOverdue> Centres,
    IReadOnlyList<ChaserSent> Chasers,
    IReadOnlyList<EscalationSent> Escalations);

/// <summary>Overdue cases by kind, green-line cases counted apart from the rest.</summary>
public sealed record OverdueCounts(KindCounts Regular, KindCounts GreenLine)
{
    public int Total => Regular.Total + GreenLine.Total;

    public static OverdueCounts Of(IEnumerable<OverdueCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var list = cases as IReadOnlyCollection<OverdueCase> ?? [.. cases];
        return new(KindCounts.Of(list.Where(c => !c.GreenLine)), KindCounts.Of(list.Where(c => c.GreenLine)));
    }

    /// <summary>The same counts from the cases counted in groups (<see cref="OverdueTally"/>).</summary>
    public static OverdueCounts Of(IEnumerable<OverdueGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups as IReadOnlyCollection<OverdueGroup> ?? [.. groups];
        return new(KindCounts.Of(list.Where(g => !g.GreenLine)), KindCounts.Of(list.Where(g => g.GreenLine)));
    }
}

public sealed record KindCounts(int Offer, int Production, int FollowUp)
{
    public int Total => Offer + Production + FollowUp;

    public static KindCounts Of(IEnumerable<OverdueCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int offer = 0, production = 0, followUp = 0;
        foreach (var c in cases)
        {
            _ = c.Kind switch
            {
                OverdueKind.Offer => offer++,
                OverdueKind.Production => production++,
                _ => followUp++,
            };
        }

        return new(offer, production, followUp);
    }

    public static KindCounts Of(IEnumerable<OverdueGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int offer = 0, production = 0, followUp = 0;
        foreach (var g in groups)
        {
            switch (g.Kind)
            {
                case OverdueKind.Offer: offer += g.Count; break;
                case OverdueKind.Production: production += g.Count; break;
                default: followUp += g.Count; break;
            }
        }

        return new(offer, production, followUp);
    }
}

/// <summary>A centre's overdue cases, in total and per team.</summary>
public sealed record CentreOverdue(string Centre, OverdueCounts Counts, IReadOnlyList<TeamOverdue> Teams);

/// <summary>A team's overdue cases, and its latest chaser up to the day (null: none yet).</summary>
public sealed record TeamOverdue(string Team, string TeamEmail, OverdueCounts Counts, DateOnly? LastChaserOn);

/// <summary>A chaser queued on <paramref name="ChasedOn"/>; <paramref name="SentAt"/> once the mail server accepted it.</summary>
public sealed record ChaserSent(
    DateOnly ChasedOn,
    string TeamEmail,
    string Centres,
    string Teams,
    int Cases,
    int GreenLineCases,
    OutboxStatus? Status,
    DateTimeOffset? SentAt);

/// <summary>A case escalated on <paramref name="EscalatedOn"/> to a catalogue address after <paramref name="Chasers"/> chasers.</summary>
public sealed record EscalationSent(
    DateOnly EscalatedOn,
    string SofCaseNumber,
    string Centre,
    string Team,
    OverdueKind Kind,
    DateOnly DueDate,
    int DaysOverdue,
    bool GreenLine,
    int Chasers,
    string RecipientKey,
    string RecipientEmail,
    OutboxStatus? Status,
    DateTimeOffset? SentAt);
