using BifSof.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// The worker's services (no web server, no Hangfire server) on a fresh database, migrated as every verb does.
/// A test class gets one through <c>IClassFixture</c>.
/// </summary>
public sealed class WorkerServices : IAsyncLifetime
{
    private WebApplication? _app;

    public TestDatabase Database { get; } = new();

    public WorkerSettings Settings { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Settings = new WorkerSettings(Database.ConnectionString);
        _app = await StartAsync(Settings);
    }

    /// <summary>
    /// Another set of services on the same database, e.g. with a different SMTP server; <paramref name="configure"/>
    /// adds to the builder after the settings (e.g. a log provider).
    /// </summary>
    public static async Task<WebApplication> StartAsync(WorkerSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var app = WorkerApp.Build([], runServer: false, builder =>
        {
            settings.Apply(builder);
            configure?.Invoke(builder);
        });
        await StartupChecks.RunAsync(app.Services, CancellationToken.None);
        return app;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
