using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Features.Advisories;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Digest;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Jobs;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Features.Retention;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Hosting.Auth;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

/// <summary>The one composition root: the worker and every CLI verb build the same services.</summary>
public static class WorkerApp
{
    /// <param name="configArgs">Command-line configuration (serve only); verbs pass none.</param>
    /// <param name="runServer">Whether this process runs the Hangfire server.</param>
    /// <param name="configure">Extra set-up before build: tests add configuration, <c>run --as-of</c> swaps the clock.</param>
    public static WebApplication Build(string[] configArgs, bool runServer, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // One line per event, ISO times and dates; see the formatter for the one EF Core event it leaves out.
        builder.Logging.AddConsole(o => o.FormatterName = WorkerConsoleFormatter.FormatterName)
            .AddConsoleFormatter<WorkerConsoleFormatter, ConsoleFormatterOptions>();
        // Verbs print results on stdout; logs never mix with them.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.AddWorkerOptions()
            .AddWorkerData()
            .AddBifSofHangfire(runServer)
            .AddBifSofDashboardAuth();

        AddFeatures(builder);
        builder.AddDashboardMenuLink("Log ud", "/logout"); // Hangfire's own "Back to site" link is switched off.
        configure?.Invoke(builder);

        return builder.Build();
    }

    /// <summary>One line per feature (docs/architecture.md); the order is the order of the dashboard's menu.</summary>
    private static void AddFeatures(IHostApplicationBuilder builder)
    {
        builder.AddKpis();
        builder.AddExtracts();
        builder.AddSocialPlans();
        builder.AddAdvisories();
        builder.AddMilestones();
        builder.AddDigest();
        builder.AddMail();
        builder.AddJobs();
        builder.AddCatalogue();
        builder.AddAccounts();
        builder.AddRetention();
    }

    /// <summary>The recurring jobs the features add, without building or starting anything (for the command line's help and checks).</summary>
    public static WorkerJobs Jobs()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        AddFeatures(builder);
        return builder.WorkerJobs();
    }

    /// <summary>
    /// Starts the worker as <c>serve</c> does: start-up checks, catalogue, dashboard, recurring jobs, then the
    /// Hangfire server and Kestrel. Returns once it is listening.
    /// </summary>
    public static async Task<WebApplication> StartServingAsync(string[] configArgs, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var app = Build(configArgs, runServer: true, configure);
        try
        {
            await StartupChecks.RunAsync(app.Services, cancellationToken);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var file = scope.ServiceProvider.GetRequiredService<IOptions<BifSofOptions>>().Value.CatalogueFile;
                await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(file, cancellationToken);
            }

            MapEndpoints(app);
            app.Services.GetRequiredService<WorkerJobs>().RegisterAll(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<JobStorage>());
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The web side: login, health, and the guarded dashboard. Mapped after the start-up checks passed.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        Dashboard.DashboardInputGuard.UseDashboardInputGuard(app);
        app.MapHealth();
        app.MapLogin();
        app.MapFeatureEndpoints();
        app.MapGet("/", () => Results.Redirect("/hangfire")).AllowAnonymous();
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            DashboardTitle = "BifSofWorker",
            Authorization = [new Dashboard.DashboardAccessFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Features.Accounts.DashboardRoles.Admin),
            DisplayStorageConnectionString = false,
            AppPath = null,
            IgnoreAntiforgeryToken = false,
        }).RequireAuthorization(AuthSchemes.DashboardPolicy);
    }
}
