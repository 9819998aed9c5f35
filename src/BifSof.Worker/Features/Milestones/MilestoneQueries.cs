using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Milestones;

internal static class MilestoneQueries
{
    /// <summary>Every milestone the current catalogue lists, with its initiative and owner, in the strategy's order.</summary>
    public static IQueryable<MilestoneView> Views(this BifSofDbContext db) => Project(db, db.Milestones.Where(m => m.InCatalogue));

    public static Task<MilestoneView?> ViewAsync(this BifSofDbContext db, string id, CancellationToken cancellationToken) =>
        Project(db, db.Milestones.Where(m => m.InCatalogue && m.Id == id)).SingleOrDefaultAsync(cancellationToken);

    // Filters go before this projection: EF cannot translate a filter on the record it builds.
    private static IQueryable<MilestoneView> Project(BifSofDbContext db, IQueryable<Milestone> milestones) =>
        from m in milestones
        join i in db.Initiatives on m.InitiativeNumber equals i.Number
        join o in db.Owners on i.OwnerKey equals o.Key
        orderby m.SortOrder
        select new MilestoneView(m.Id, m.Title, m.DueDate, m.DueText, m.Status, i.Number, i.Title, i.PartTitle, o.Key, o.Name, o.Email, o.EscalationEmail);
}
