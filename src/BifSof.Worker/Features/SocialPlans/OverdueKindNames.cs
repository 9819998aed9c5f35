namespace BifSof.Worker.Features.SocialPlans;

/// <summary>The kinds as e-mails, pages and exports name them: plain Danish, and the contract's JSON names.</summary>
public static class OverdueKindNames
{
    public static string Danish(OverdueKind kind) => kind switch
    {
        OverdueKind.Offer => "Handleplan ikke tilbudt",
        OverdueKind.Production => "Handleplan ikke udarbejdet",
        OverdueKind.FollowUp => "Opfølgning ikke foretaget",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name in <c>overdue --json</c> and in the database: <c>offer</c>, <c>production</c>, <c>followUp</c>.</summary>
    public static string Code(OverdueKind kind) => kind switch
    {
        OverdueKind.Offer => "offer",
        OverdueKind.Production => "production",
        OverdueKind.FollowUp => "followUp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static OverdueKind Parse(string code) => code switch
    {
        "offer" => OverdueKind.Offer,
        "production" => OverdueKind.Production,
        "followUp" => OverdueKind.FollowUp,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an overdue kind."),
    };
}
