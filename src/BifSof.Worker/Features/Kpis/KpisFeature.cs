using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Features.Kpis;

/// <summary>The monthly KPIs against their targets: computation, the safety-net job and the page "Nøgletal".</summary>
public static class KpisFeature
{
    public static IHostApplicationBuilder AddKpis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<KpiService>();
        // Kpis hears from Extracts which months changed, and decides itself what to recompute.
        builder.Services.AddScoped<IExtractMonthSubscriber, KpiRecomputation>();
        builder.Services.AddScoped<IMonthStatus, KpiMonthStatus>(); // "Nøgletal" on "Indlæsninger"
        builder.AddRecurringJob<MonthlyKpisJob>("monthly-kpis", "*/10 * * * *", new TimeOnly(6, 30));
        builder.AddDashboardPage<KpisPage>(KpisPage.Path, "Nøgletal");
        builder.AddDashboardRoute(KpisPage.Path + "/eksport.csv", new KpiExportDispatcher());
        return builder;
    }
}
