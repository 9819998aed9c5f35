using BifSof.Worker.Tests.Fixtures;
using Microsoft.Playwright;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.</summary>
[Collection(ServingWorkerGroup.Name)]
public class DashboardBrowserTests(ServingWorker worker) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _chromium = await HeadlessChromium.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
    }

    private async Task<IPage> LogInAsync(string user, string password)
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/recurring").ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.NavigatedToAsync("**/hangfire/recurring", "Recurring Jobs");
        return page;
    }

    [Fact]
    public async Task Login_RefusesAWrongPassword_WithADanishMessage()
    {
        var page = await _chromium.Browser.NewPageAsync();
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

        await page.ClickAsync("text=Milepæle");
        await page.NavigatedToAsync("**/hangfire/milepaele", "Milepæle");
        await page.FillAsync("#pr", "2010-03-03");
        await page.ClickAsync("form.form-inline button[type=submit]");
        await page.NavigatedToAsync("**/hangfire/milepaele?pr=2010-03-03", "Milepæle");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-milepaele.png") });

        await page.ClickAsync("text=Udsendelser");
        await page.NavigatedToAsync("**/hangfire/udsendelser", "Udsendelser");
        using var mailDev = MailDevClient.Shared();
        const string sender = "bifsof@bifsof.example.dk";
        var before = (await mailDev.ForRecipientAsync(sender)).Count;
        await page.ClickAsync("text=Send prøve-e-mail til afsenderadressen");

        // The command queues the e-mail and enqueues outbox-dispatch; the worker's Hangfire server delivers it.
        var delivered = await mailDev.WaitForAsync(sender, before + 1, TimeSpan.FromSeconds(30));
        Assert.Equal(before + 1, delivered.Count);
        Assert.Contains(delivered, e => e.Subject == "Prøve-e-mail fra BifSofWorker" && (e.Text ?? string.Empty).Contains("bestilt af admin", StringComparison.Ordinal));

        // MailDev may show the e-mail a moment before the dispatcher has recorded the server's reply.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/udsendelser?status=sent").ToString());
            if ((await page.ContentAsync()).Contains("Prøve-e-mail fra BifSofWorker", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Contains("Prøve-e-mail fra BifSofWorker", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-udsendelser.png") });
    }

    [Fact]
    public async Task Admin_SendsADeadEmailAgain_FromUdsendelser()
    {
        var to = $"dead-{Guid.NewGuid():N}@test.example.dk";
        await worker.Database.ExecuteAsync(
            $$"""
            INSERT INTO bifsof.outbox_messages (business_key, message_id, template, "to", cc, subject, html_body, text_body, status, attempts, last_error)
            VALUES ('dead:{{to}}', '{{Guid.NewGuid():N}}@bifsof.example.dk', 'testmail', '{{{to}}}', '{}', 'Opgivet e-mail', '<p>h</p>', 't', 'Dead', 10, '550 no such user')
            """);
        var page = await LogInAsync("admin", ServingWorker.AdminPassword);
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/udsendelser?status=dead").ToString());
        var row = page.Locator("tr", new PageLocatorOptions { HasText = to });
        Assert.Contains("550 no such user", await row.TextContentAsync(), StringComparison.Ordinal);

        await row.Locator("text=Send igen nu").ClickAsync();

        using var mailDev = MailDevClient.Shared();
        Assert.Single(await mailDev.WaitForAsync(to, 1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Viewer_OpensNoegletal_AndFindsTheFiguresOfDecember2009()
    {
        await worker.EnsureDemoAsync();
        var page = await LogInAsync("viewer", ServingWorker.ViewerPassword);
        await page.ClickAsync("text=Nøgletal");
        await page.NavigatedToAsync("**/hangfire/noegletal", "Nøgletal");
        await page.SelectOptionAsync("#maaned", "2009-12");
        await page.NavigatedToAsync("**/hangfire/noegletal?maaned=2009-12", "Nøgletal");

        var figures = await page.Locator(".kpi-figure").AllTextContentsAsync();
        Assert.Equal("37,0 %", figures[0].Trim());
        Assert.Equal("✘ under målet", (await page.Locator(".kpi-mark").First.TextContentAsync())?.Trim()); // 37 % against 40 %
        var content = await page.ContentAsync();
        Assert.Contains("december 2009", content, StringComparison.Ordinal);
        Assert.Contains("Mål, oprindeligt besluttet", content, StringComparison.Ordinal);
        Assert.Contains("januar 2009</td><td>2.490</td>", content, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-noegletal.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Hent tabellen (CSV til Excel)"));
        Assert.Equal("noegletal.csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task Admin_PausesAndResumesAJob_OnPlanlagteJob()
    {
        var page = await LogInAsync("admin", ServingWorker.AdminPassword);
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/planlagte-job").ToString());
        var row = page.Locator("tr", new PageLocatorOptions { HasText = "Beregn månedens nøgletal" });
        await row.Locator("text=Sæt på pause").ClickAsync();
        await page.WaitForSelectorAsync("tr.warning >> text=Beregn månedens nøgletal");
        Assert.StartsWith("På pause siden", (await row.Locator(".job-status").TextContentAsync())?.Trim(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-planlagte-job.png") });

        await row.Locator("text=Genoptag").ClickAsync();
        await page.WaitForSelectorAsync("tr:not(.warning) >> text=Beregn månedens nøgletal");
        Assert.Equal("Aktiv", (await row.Locator(".job-status").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task Viewer_LogsIn_AndSeesNoButtonThatChangesAnything()
    {
        var page = await LogInAsync("viewer", ServingWorker.ViewerPassword);
        Assert.Equal(0, await page.Locator("button.js-jobs-list-command").CountAsync());
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/udsendelser").ToString());
        Assert.Equal(0, await page.Locator("button[data-ajax]").CountAsync());
        await page.GotoAsync(new Uri(worker.BaseUrl, "/hangfire/planlagte-job").ToString());
        var jobs = await page.ContentAsync();
        Assert.Contains("Beregn månedens nøgletal", jobs, StringComparison.Ordinal);
        // The jobs by their Danish names and schedules only: no technical id, no cron expression.
        Assert.DoesNotContain("monthly-kpis", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("cron", jobs, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator("button[data-ajax]").CountAsync());
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
