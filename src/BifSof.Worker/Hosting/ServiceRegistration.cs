using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>What every feature stands on: the worker-wide settings, PostgreSQL and the clock.</summary>
public static class ServiceRegistration
{
    /// <summary>Options bound by section and validated when the process starts; the page templates, checked likewise.</summary>
    public static IHostApplicationBuilder AddWorkerOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((o, c) => o.ConnectionString = c.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.AddValidatedOptions<BifSofOptions, BifSofOptionsValidator>(BifSofOptions.Section);
        builder.AddValidatedOptions<DashboardOptions, DashboardOptionsValidator>(DashboardOptions.Section);
        builder.Services.AddSingleton<PageTemplates>();
        return builder;
    }

    /// <summary>PostgreSQL: one data source for EF Core and the set-based SQL.</summary>
    public static IHostApplicationBuilder AddWorkerData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp =>
            new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).Build());
        builder.Services.AddDbContext<BifSofDbContext>((sp, options) =>
            DatabaseSetup.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
