using BifSof.Worker.Data;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>Service registration by area, so <c>Program</c> stays a few lines.</summary>
public static class ServiceRegistration
{
    /// <summary>Options bound by section and validated when the process starts.</summary>
    public static IHostApplicationBuilder AddBifSofOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((o, c) => o.ConnectionString = c.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.AddOptions<BifSofOptions>().BindConfiguration(BifSofOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<BifSofOptions>, BifSofOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        builder.Services.AddOptions<ExtractOptions>().BindConfiguration(ExtractOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExtractOptions>, ExtractOptionsValidator>();
        builder.Services.AddOptions<MilestoneOptions>().BindConfiguration(MilestoneOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MilestoneOptions>, MilestoneOptionsValidator>();
        return builder;
    }

    /// <summary>PostgreSQL: one data source for EF Core and the set-based SQL.</summary>
    public static IHostApplicationBuilder AddBifSofData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp =>
            new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).Build());
        builder.Services.AddDbContext<BifSofDbContext>((sp, options) =>
            DatabaseSetup.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<CatalogueLoader>();
        builder.Services.AddSingleton<CprPseudonyms>();
        builder.Services.AddScoped<ExtractImporter>();
        builder.Services.AddScoped<Features.Kpis.KpiService>();
        builder.Services.AddScoped<IExtractMonthSubscriber, Features.Kpis.KpiRecomputation>();
        builder.Services.AddSingleton<Features.Jobs.JobPauses>();
        // Link expiry is a security property: it runs on the wall clock even when a job replays another day.
        builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<AnswerLinks>(sp, TimeProvider.System));
        builder.Services.AddScoped<MilestoneAnswers>();
        return builder;
    }

    /// <summary>Templates (checked once, at start-up), the outbox and its dispatcher.</summary>
    public static IHostApplicationBuilder AddBifSofMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new MailTemplates(sp.GetRequiredService<IOptions<BifSofOptions>>().Value.TemplatesPath));
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<OutboxDispatcher>();
        foreach (var job in WorkerJobs.All)
        {
            builder.Services.AddScoped(job.JobType);
        }

        return builder;
    }
}
