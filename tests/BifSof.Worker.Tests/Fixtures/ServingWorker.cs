using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// The worker as <c>serve</c> runs it (Kestrel on a free loopback port, Hangfire server, dashboard) on a fresh
/// database, with one admin and one viewer account.
/// </summary>
public sealed class ServingWorker : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-123";
    public const string ViewerPassword = "viewer-password-123";

    private WebApplication? _app;

    public TestDatabase Database { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        // A port known in advance, so the answer links in e-mails point at this very worker.
        BaseUrl = new Uri($"http://127.0.0.1:{ExtraMailDev.FreePort()}");
        var settings = new WorkerSettings(Database.ConnectionString)
            .With("Urls", BaseUrl.ToString())
            .With("BifSof:PublicBaseUrl", BaseUrl.ToString());
        _app = await WorkerApp.StartServingAsync([], settings.Apply, CancellationToken.None);
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.AddOrUpdateAsync("admin", DashboardRoles.Admin, AdminPassword, CancellationToken.None);
        await accounts.AddOrUpdateAsync("viewer", DashboardRoles.Viewer, ViewerPassword, CancellationToken.None);
    }

    private readonly SemaphoreSlim _demo = new(1, 1);
    private bool _demoLoaded;

    /// <summary>Imports the default demo extracts once and computes their KPIs, for the tests that need a story.</summary>
    public async Task EnsureDemoAsync()
    {
        await _demo.WaitAsync();
        try
        {
            if (_demoLoaded)
            {
                return;
            }

            using var folder = new TempFolder();
            var files = new BifSof.Worker.Features.Extracts.Demo.DemoExtractGenerator().Write(folder.Path);
            await using var scope = _app!.Services.CreateAsyncScope();
            foreach (var file in files)
            {
                var report = await scope.ServiceProvider.GetRequiredService<BifSof.Worker.Features.Extracts.ExtractImporter>().ImportAsync(file, CancellationToken.None);
                if (report.Status != "imported")
                {
                    throw new InvalidOperationException($"demo file {report.File}: {report.Status}");
                }
            }

            await scope.ServiceProvider.GetRequiredService<BifSof.Worker.Features.Kpis.MonthlyKpisJob>().RunAsync(CancellationToken.None);
            _demoLoaded = true;
        }
        finally
        {
            _demo.Release();
        }
    }

    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _demo.Dispose();
        await Database.DisposeAsync();
    }
}
