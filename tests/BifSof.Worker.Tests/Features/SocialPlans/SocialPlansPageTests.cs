using System.Text.RegularExpressions;
using BifSof.Worker.Features.SocialPlans;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BifSof.Worker.Tests.Features.SocialPlans;

/// <summary>"Handleplaner" in headless Chromium, on the demo data after a chaser run, for a viewer and an admin.</summary>
[Collection(ServingWorkerGroup.Name)]
public partial class SocialPlansPageTests(ServingWorker worker) : IAsyncLifetime
{
    private static readonly DateOnly ChaseDay = new(2009, 3, 16);
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _chromium = await HeadlessChromium.StartAsync();
        await worker.EnsureDemoAsync();
        await using var scope = worker.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SocialPlanChaser>().RunAsync(ChaseDay, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
    }

    [GeneratedRegex(@"\b\d{6}-?\d{4}\b")]
    private static partial Regex CprShaped();

    [Theory]
    [InlineData("viewer", ServingWorker.ViewerPassword)]
    [InlineData("admin", ServingWorker.AdminPassword)]
    public async Task Handleplaner_ShowsOverdueCasesAndChasersAsOfADay_WithCaseNumbersOnly(string user, string password)
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(worker.BaseUrl, "/login").ToString());
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.NavigatedToAsync("**/hangfire", "Overview");
        await page.ClickAsync("text=Handleplaner");
        await page.FillAsync("#pr", "2009-03-16");
        await page.ClickAsync("button:has-text('Vis')");
        await page.NavigatedToAsync("**/hangfire/handleplaner?pr=2009-03-16", "Handleplaner");

        var text = await page.Locator("#page-content, body").First.InnerTextAsync();
        Assert.Contains("pr. 16. marts 2009, efter udtrækket for marts 2009", text, StringComparison.Ordinal);
        Assert.True(await page.Locator("#overdue tbody tr").CountAsync() > 1, "centres and teams with overdue cases");
        Assert.Contains("16. marts 2009", await page.Locator("h3:has-text('Rykkere sendt') + div").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(CprShaped(), await page.InnerTextAsync("body")); // text only: the footer carries a Unix time in an attribute
        Assert.Equal(0, await page.Locator("#overdue button, form[method=post]").CountAsync()); // nothing to change here

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Hent listen over sager over frist"));
        Assert.Equal("handleplaner-over-frist-2009-03-16.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Matches(@"SOF-\d{7}", csv);
        Assert.DoesNotMatch(CprShaped(), csv);
        if (user == "viewer")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-handleplaner.png"), FullPage = true });
        }
    }
}
