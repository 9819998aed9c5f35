using BifSof.Worker.Tests.Fixtures;
using Microsoft.Playwright;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.</summary>
[Collection(ServingWorkerGroup.Name)]
public class DashboardBrowserTests(ServingWorker worker) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root in CI needs --no-sandbox; the closed network here needs no background traffic.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> LogInAsync(string user, string password)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/recurring").ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/hangfire/recurring");
        return page;
    }

    [Fact]
    public async Task Login_RefusesAWrongPassword_WithADanishMessage()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(worker.BaseUrl, "/login").ToString());
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("Forkert brugernavn eller adgangskode.", (await page.TextContentAsync("[role=alert]"))?.Trim());
    }

    [Fact]
    public async Task Admin_LogsIn_SeesTheRecurringJobs_AndSendsATestMailFromUdsendelser()
    {
        var page = await LogInAsync("admin", ServingWorker.AdminPassword);
        Assert.Contains("Udsend e-mails fra udbakken", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-recurring.png") });

        await page.ClickAsync("text=Udsendelser");
        await page.WaitForURLAsync("**/hangfire/udsendelser");
        await page.ClickAsync("text=Send prøve-e-mail til afsenderadressen");

        // The command queues the e-mail and enqueues outbox-dispatch; the worker's Hangfire server delivers it.
        using var mailDev = MailDevClient.Shared();
        var delivered = await mailDev.WaitForAsync("bifsof@bifsof.example.dk", 1, TimeSpan.FromSeconds(30));
        Assert.Contains(delivered, e => e.Subject == "Prøve-e-mail fra BifSofWorker" && (e.Text ?? string.Empty).Contains("bestilt af admin", StringComparison.Ordinal));

        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/udsendelser?status=sent").ToString());
        Assert.Contains("Prøve-e-mail fra BifSofWorker", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-udsendelser.png") });
    }

    [Fact]
    public async Task Viewer_LogsIn_AndSeesNoButtonThatChangesAnything()
    {
        var page = await LogInAsync("viewer", ServingWorker.ViewerPassword);
        Assert.Equal(0, await page.Locator("button.js-jobs-list-command").CountAsync());
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/udsendelser").ToString());
        Assert.Equal(0, await page.Locator("button[data-ajax]").CountAsync());
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
