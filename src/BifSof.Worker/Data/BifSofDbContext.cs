using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Hosting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Data;

public sealed class BifSofDbContext(DbContextOptions<BifSofDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect login cookies and antiforgery tokens, shared by every worker process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DashboardUser> DashboardUsers => Set<DashboardUser>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<Initiative> Initiatives => Set<Initiative>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<MilestoneAnswer> MilestoneAnswers => Set<MilestoneAnswer>();

    public DbSet<ExtractFile> ExtractFiles => Set<ExtractFile>();

    public DbSet<ExtractMonth> ExtractMonths => Set<ExtractMonth>();

    public DbSet<BifRow> BifRows => Set<BifRow>();

    public DbSet<SofRow> SofRows => Set<SofRow>();

    public DbSet<SharedCitizen> SharedCitizens => Set<SharedCitizen>();

    public DbSet<MonthlyKpiRecord> MonthlyKpis => Set<MonthlyKpiRecord>();

    public DbSet<Features.Jobs.JobPause> JobPauses => Set<Features.Jobs.JobPause>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<PopulationRule> PopulationRules => Set<PopulationRule>();

    public DbSet<CatalogueAddress> CatalogueAddresses => Set<CatalogueAddress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(DatabaseOptions.Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BifSofDbContext).Assembly);
    }
}
