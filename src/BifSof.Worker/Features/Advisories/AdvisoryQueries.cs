using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Advisories;

public static class AdvisoryQueries
{
    /// <summary>
    /// The advisories and notices issued on days up to <paramref name="asOf"/> (from <paramref name="from"/>, when
    /// given), newest first, each with its delivery time from the outbox.
    /// </summary>
    public static async Task<AdvisoriesOverview> AdvisoriesOverviewAsync(
        this BifSofDbContext db, DateOnly asOf, DateOnly? from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = from ?? DateOnly.MinValue;
        var advisories = await (
                from a in db.Set<BenefitStopAdvisory>().AsNoTracking()
                where a.AdvisedOn <= asOf && a.AdvisedOn >= first
                join o in db.OutboxMessages on a.BusinessKey equals o.BusinessKey into sent
                from o in sent.DefaultIfEmpty()
                orderby a.AdvisedOn descending, a.StopDate descending, a.SofCaseNumber
                select new AdvisorySent(a.AdvisedOn, a.BifCaseNumber, a.SofCaseNumber, a.Centre, a.Team, a.StopDate, a.Reason, a.QueuedAt, o == null ? null : o.Status, o == null ? null : o.SentAt))
            .ToListAsync(cancellationToken);
        var notices = await (
                from n in db.Set<CoordinationNotice>().AsNoTracking()
                where n.NoticedOn <= asOf && n.NoticedOn >= first
                join o in db.OutboxMessages on n.BusinessKey equals o.BusinessKey into sent
                from o in sent.DefaultIfEmpty()
                orderby n.NoticedOn descending, n.Centre
                select new CoordinationNoticeSent(n.Centre, n.NoticedOn, n.Month, n.CaseCount, n.Recipients, n.QueuedAt, o == null ? null : o.Status, o == null ? null : o.SentAt))
            .ToListAsync(cancellationToken);
        return new AdvisoriesOverview(asOf, advisories, notices);
    }
}
