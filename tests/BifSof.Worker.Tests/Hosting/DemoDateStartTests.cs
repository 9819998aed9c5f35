using BifSof.Worker.Common;
using BifSof.Worker.Hosting;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>The demo date as the worker starts with it (real PostgreSQL), and catalogue overrides a shell can set.</summary>
public class DemoDateStartTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private WorkerSettings Settings() => new(worker.Database.ConnectionString);

    [Fact]
    public async Task AnyVerb_RefusesToStart_WhenADemoDateIsSetInProduction()
    {
        var settings = Settings().With("BifSof:DemoDate", "2010-03-03");

        var result = await RunAsync(settings, Environments.Production, "user", "list");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("BifSof__DemoDate", result.Error, StringComparison.Ordinal);
        Assert.Contains("Production", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyVerb_Starts_WhenADemoDateIsSetInDevelopment()
    {
        var result = await RunAsync(Settings().With("BifSof:DemoDate", "2010-03-03"), Environments.Development, "user", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
    }

    [Fact]
    public async Task DomainClock_StartsAtTheDemoDate_AndSignInStaysOnTheWallClock_WhenADemoDateIsSet()
    {
        await using var app = WorkerApp.Build([], runServer: false, Settings().With("BifSof:DemoDate", "2010-03-03").Apply);

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(BifSof.Worker.Hosting.Auth.AuthSchemes.Cookie);

        Assert.IsType<DemoClock>(clock);
        Assert.Equal(new DateOnly(2010, 3, 3), Copenhagen.Today(clock));
        Assert.Same(TimeProvider.System, cookie.TimeProvider);
    }

    [Fact]
    public async Task DomainClock_IsTheWallClock_WhenNoDemoDateIsSet()
    {
        await using var app = WorkerApp.Build([], runServer: false, Settings().Apply);

        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task CatalogueLoad_TakesAddressesFromTheListForm_WhenKeysHaveHyphensAndColons()
    {
        var settings = Settings()
            .With("Catalogue:Owners:0:Key", "sof-bif")
            .With("Catalogue:Owners:0:Email", "sofbif@kk.dk")
            .With("Catalogue:Owners:0:EscalationEmail", "chef@kk.dk")
            .With("Catalogue:Addresses:0:Key", "sof-management")
            .With("Catalogue:Addresses:0:Email", "ledelse@kk.dk");

        var result = await CliRun.RunAsync(settings, "catalogue", "load");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("sofbif@kk.dk chef@kk.dk", await worker.Database.ScalarAsync<string>("SELECT email || ' ' || escalation_email FROM bifsof.owners WHERE key = 'sof-bif'"));
        Assert.Equal("ledelse@kk.dk", await worker.Database.ScalarAsync<string>("SELECT email FROM bifsof.catalogue_addresses WHERE key = 'sof-management'"));
    }

    [Fact]
    public async Task CatalogueLoad_StillTakesTheByKeyForm_WhenTheKeyIsInTheName()
    {
        var result = await CliRun.RunAsync(Settings().With("Catalogue:Owners:sof-bif:Email", "bykey@kk.dk"), "catalogue", "load");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("bykey@kk.dk", await worker.Database.ScalarAsync<string>("SELECT email FROM bifsof.owners WHERE key = 'sof-bif'"));
    }

    private static async Task<CliResult> RunAsync(WorkerSettings settings, string environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await WorkerCommandLine.RunAsync(args, new CliConsole(TextReader.Null, output, error), builder =>
        {
            settings.Apply(builder);
            // The host's environment is fixed when the builder is made; the validator reads the registered one.
            builder.Services.AddSingleton<IHostEnvironment>(new HostingEnvironment
            {
                EnvironmentName = environment,
                ApplicationName = builder.Environment.ApplicationName,
                ContentRootPath = builder.Environment.ContentRootPath,
                ContentRootFileProvider = builder.Environment.ContentRootFileProvider,
            });
        });
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
