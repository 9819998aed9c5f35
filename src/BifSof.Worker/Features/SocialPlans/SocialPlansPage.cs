using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Advisories;
using BifSof.Worker.Features.Mail;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// "Handleplaner": as of a chosen day (today by default), the overdue social action plans per centre and team by kind,
/// green line apart; the chasers and escalations sent; the benefit-stop advisories and coordination notices. Everyone
/// signed in reads it; nothing is changed here. The overdue list downloads for Excel.
/// </summary>
internal sealed class SocialPlansPage(SocialPlanQueries queries, BifSofDbContext db, TimeProvider clock, IOptions<SocialPlanOptions> options) : IDashboardPage
{
    public const string Path = "/handleplaner";

    /// <summary>How far back the advisories and notices are listed from the chosen day.</summary>
    private const int AdvisoryDays = 92;

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var asOf = AsOf(request.Query("pr"), clock);
        var plans = await queries.OverviewAsync(asOf, cancellationToken);
        var advisories = await db.AdvisoriesOverviewAsync(asOf, asOf.AddDays(-AdvisoryDays), cancellationToken);
        var iso = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new
        {
            AsOf = DanishFormat.Date(asOf),
            options.Value.ChaserEveryDays,
            options.Value.EscalateAfterChasers,
            AsOfIso = iso,
            DataMonth = plans.DataMonth is { } month ? DanishFormat.Month(month.Year, month.Month) : null,
            Export = request.Url($"{Path}/eksport.csv?pr={iso}"),
            Total = Counts(plans.Total),
            Centres = plans.Centres.Select(c => new
            {
                Name = c.Centre,
                Counts = Counts(c.Counts),
                Teams = c.Teams.Select(t => new
                {
                    Name = t.Team,
                    Email = t.TeamEmail,
                    Counts = Counts(t.Counts),
                    LastChaser = t.LastChaserOn is { } last ? DanishFormat.Date(last) : "ingen endnu",
                }).ToList(),
            }).ToList(),
            Chasers = plans.Chasers.Select(c => new
            {
                Day = DanishFormat.Date(c.ChasedOn),
                To = c.TeamEmail,
                c.Centres,
                c.Teams,
                Cases = DanishFormat.Number(c.Cases),
                GreenLine = DanishFormat.Number(c.GreenLineCases),
                Delivery = Delivery(c.Status, c.SentAt),
            }).ToList(),
            Escalations = plans.Escalations.Select(e => new
            {
                Day = DanishFormat.Date(e.EscalatedOn),
                Case = e.SofCaseNumber,
                e.Centre,
                e.Team,
                Kind = OverdueKindNames.Danish(e.Kind),
                Due = DanishFormat.Date(e.DueDate),
                Days = DanishFormat.Number(e.DaysOverdue),
                e.GreenLine,
                Chasers = e.Chasers,
                To = e.RecipientEmail,
                Delivery = Delivery(e.Status, e.SentAt),
            }).ToList(),
            AdvisoryDays,
            Advisories = advisories.Advisories.Select(a => new
            {
                Day = DanishFormat.Date(a.AdvisedOn),
                Bif = a.BifCaseNumber,
                Sof = a.SofCaseNumber,
                a.Centre,
                a.Team,
                Stop = DanishFormat.Date(a.StopDate),
                Reason = a.Reason ?? "ikke oplyst",
                Delivery = Delivery(a.Status, a.SentAt),
            }).ToList(),
            Notices = advisories.Notices.Select(n => new
            {
                Day = DanishFormat.Date(n.NoticedOn),
                n.Centre,
                Month = DanishFormat.Month(n.Month.Year, n.Month.Month),
                Cases = DanishFormat.Number(n.CaseCount),
                To = string.Join(", ", n.Recipients),
                Delivery = Delivery(n.Status, n.SentAt),
            }).ToList(),
        };
    }

    /// <summary>"?pr=2010-03-03" shows the situation as it stood that day; otherwise today.</summary>
    internal static DateOnly AsOf(string? query, TimeProvider clock) =>
        DateOnly.TryParseExact(query, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : Copenhagen.Today(clock);

    private static object Counts(OverdueCounts counts) => new
    {
        Offer = counts.Regular.Offer,
        Production = counts.Regular.Production,
        FollowUp = counts.Regular.FollowUp,
        GreenLine = counts.GreenLine.Total,
        counts.Total,
    };

    private static string Delivery(OutboxStatus? status, DateTimeOffset? sentAt) => (status, sentAt) switch
    {
        (_, { } sent) => "sendt " + DanishFormat.DateTime(sent),
        (OutboxStatus.Dead, _) => "opgivet (se Udsendelser)",
        _ => "venter i udbakken",
    };
}
