using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        builder.Services.AddSingleton<DemoBanner>();
        builder.Services.AddSingleton(sp => new PageTemplates(sp.GetRequiredService<DemoBanner>()));
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
        // The domain clock: the wall clock, or the demo clock while BifSof__DemoDate is set (run --as-of replaces it
        // for its run). Sign-in cookies go to browsers, which live on the wall clock: authentication keeps that one.
        // Read from configuration, not the options: resolving the clock must not run the options' validation, whose
        // failures the start-up checks report (an invalid demo date is refused there).
        builder.Services.AddSingleton(sp => DemoClock.For(BifSofOptions.ParseDemoDate(sp.GetRequiredService<IConfiguration>()[$"{BifSofOptions.Section}:{nameof(BifSofOptions.DemoDate)}"])));
        builder.Services.ConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        builder.Services.ConfigureAll<AuthenticationSchemeOptions>(o => o.TimeProvider = TimeProvider.System);
        builder.Services.AddHostedService<DemoCatchUp>();
        // One run at a time for jobs that ask for it ([OneRunAtATime]), by a lock no crash or restart leaves behind.
        builder.Services.AddSingleton<Hangfire.Server.IServerFilter, JobRunLockFilter>();
        return builder;
    }
}
