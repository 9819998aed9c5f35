using BifSof.Worker.Features.Digest;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>
/// What a reader sees, in Debian's Chromium: a rendered digest (the preview's HTML, the body an e-mail client shows) and
/// the held month on "Indlæsninger" with its confirm button.
/// </summary>
[Collection(ServingWorkerGroup.Name)]
public sealed class DigestBrowserTests(ServingWorker worker) : IAsyncLifetime
{
    private readonly TempFolder _out = new();
    private DigestScenario _scenario = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _scenario = await DigestScenario.StartAsync();
        await _scenario.ImportAsync("2010-01", (DigestScenario.Amager, 0, 5), (DigestScenario.Oest, 5, 8));
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));
        _chromium = await HeadlessChromium.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        _out.Dispose();
        await _scenario.DisposeAsync();
    }

    [Fact]
    public async Task Reader_SeesDanishNumbersAndTheChart_AndNoLinkToAnythingInternal()
    {
        await using (var app = await WorkerServices.StartAsync(_scenario.Settings()))
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DigestPreview>().WriteAsync(new DateOnly(2010, 2, 1), null, _out.Path, CancellationToken.None);
        }

        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 760, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(Path.Combine(_out.Path, "2010-02-socialcenter-oest-aeroe.html")).ToString());

        var text = await page.InnerTextAsync("body");
        Assert.Contains("Til Socialcenter \"Øst\"; Ærø", text, StringComparison.Ordinal);
        Assert.Contains("februar 2010", text, StringComparison.Ordinal);
        Assert.Matches(@"Aktiveringsgrad \(følger målet\)\s+50,0 %", text);
        Assert.Matches(@"Mål i 2010 \(oprindeligt besluttet: 50,0 %\)\s+40,0 %", text);
        Assert.DoesNotContain("Tallet er ikke tilgængeligt.", text, StringComparison.Ordinal); // the social-plan feature counts them

        var chart = page.Locator("img.digest-chart");
        Assert.True(await chart.IsVisibleAsync());
        Assert.True(await chart.EvaluateAsync<bool>("img => img.complete && img.naturalWidth >= 600"), "the chart did not load");
        Assert.True((await chart.BoundingBoxAsync())!.Width > 400);

        // Nothing to click through to: no link, and nothing fetched but the page itself and its embedded picture.
        Assert.Equal(0, await page.Locator("a[href]").CountAsync());
        Assert.All(requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("digest-email.png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_SeesAHeldMonthOnIndlaesninger_AndConfirmsIt()
    {
        await worker.EnsureDemoAsync();
        using var folder = new TempFolder();
        // A month after the demo's last one with a handful of shared citizens instead of about 2,400: it looks wrong.
        var bif = Fixtures.Extracts.Write(folder, "bif_2012-01.csv", Fixtures.Extracts.File(Fixtures.Extracts.BifHeader, [.. Enumerable.Range(0, 3).Select(i => Fixtures.Extracts.Bif(DigestScenario.Cpr(i), "2012-01", DigestScenario.BifCase(i)))]));
        var sof = Fixtures.Extracts.Write(folder, "sof_2012-01.csv", Fixtures.Extracts.File(Fixtures.Extracts.SofHeader, [.. Enumerable.Range(0, 3).Select(i => Fixtures.Extracts.Sof(DigestScenario.Cpr(i), "2012-01", DigestScenario.SofCase(i)))]));
        try
        {
            await using (var scope = worker.Services.CreateAsyncScope())
            {
                var importer = scope.ServiceProvider.GetRequiredService<ExtractImporter>();
                Assert.Equal("imported", (await importer.ImportAsync(bif, CancellationToken.None)).Status);
                Assert.Equal("imported", (await importer.ImportAsync(sof, CancellationToken.None)).Status);
            }

            await ConfirmHeldMonthAsync();
        }
        finally
        {
            // The serving worker and its demo data are shared: the month that looks wrong goes again.
            await worker.Database.ExecuteAsync(
                """
                DELETE FROM bifsof.extract_months WHERE month = '2012-01-01';
                DELETE FROM bifsof.shared_citizens WHERE month = '2012-01-01';
                DELETE FROM bifsof.bif_rows WHERE month = '2012-01-01';
                DELETE FROM bifsof.sof_rows WHERE month = '2012-01-01';
                DELETE FROM bifsof.monthly_kpis WHERE month = '2012-01-01';
                DELETE FROM bifsof.digest_month_reviews WHERE month = '2012-01-01';
                DELETE FROM bifsof.extract_files WHERE month = '2012-01-01';
                """);
        }
    }

    private async Task ConfirmHeldMonthAsync()
    {
        var page = await LogInAsync("/hangfire/indlaesninger", "Indlæsninger");
        var row = page.Locator("tr:has(td.month-note)", new PageLocatorOptions { HasText = "januar 2012" });
        Assert.Equal("warning", await row.GetAttributeAsync("class"));
        Assert.Contains("Holdt tilbage: fællesborgere", await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-indlaesninger-held.png") });

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.Locator("text=Bekræft måneden").ClickAsync();
        await page.WaitForSelectorAsync("tr:not(.warning) >> text=bekræftet af admin");
        Assert.Contains("bekræftet af admin", await row.InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> LogInAsync(string path, string heading)
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(worker.BaseUrl, path).ToString());
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", ServingWorker.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.NavigatedToAsync("**" + path, heading);
        return page;
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
