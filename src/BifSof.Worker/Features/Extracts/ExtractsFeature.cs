using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;

namespace BifSof.Worker.Features.Extracts;

/// <summary>The monthly BIF and SOF extracts: import, matching, the inbox job and the page "Indlæsninger".</summary>
public static class ExtractsFeature
{
    public static IHostApplicationBuilder AddExtracts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ExtractOptions, ExtractOptionsValidator>(ExtractOptions.Section);
        builder.Services.AddSingleton<CprPseudonyms>();
        builder.Services.AddScoped<ExtractImporter>();
        builder.AddRecurringJob<ImportInboxJob>("import-inbox", "*/5 * * * *", new TimeOnly(6, 0));
        builder.AddDashboardPage<ImportsPage>(ImportsPage.Path, "Indlæsninger");
        return builder;
    }
}
