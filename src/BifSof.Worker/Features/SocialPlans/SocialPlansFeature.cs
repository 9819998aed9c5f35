using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// Overdue social action plans: the overdue list (<c>overdue</c>), the chasers to SOF teams with their escalation,
/// and the page "Handleplaner" (which also shows what Features/Advisories sent).
/// </summary>
public static class SocialPlansFeature
{
    public static IHostApplicationBuilder AddSocialPlans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<SocialPlanOptions, SocialPlanOptionsValidator>(SocialPlanOptions.Section);
        builder.Services.AddScoped<OverdueCases>();
        builder.Services.AddSingleton<OverdueTallyCache>();
        builder.Services.AddScoped<OverdueTallies>();
        builder.Services.AddScoped<SocialPlanChaser>();
        builder.Services.AddScoped<SocialPlanQueries>();
        builder.Services.AddScoped<Digest.IOverduePlanCounts, OverduePlanCounts>(); // the digest's overdue column
        builder.AddRecurringJob<SocialPlanChaseJob>(SocialPlanChaseJob.Id, "30 7 * * 1-5", new TimeOnly(7, 30));
        builder.AddDashboardPage<SocialPlansPage>(SocialPlansPage.Path, "Handleplaner");
        builder.AddDashboardRoute(SocialPlansPage.Path + "/eksport.csv", new OverdueExportDispatcher());
        return builder;
    }
}
