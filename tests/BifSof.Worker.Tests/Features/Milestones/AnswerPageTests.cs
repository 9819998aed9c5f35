using System.Net;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>The answer page of the serving worker: over plain HTTP for the refusals, in Chromium for the real thing.</summary>
[Collection(ServingWorkerGroup.Name)]
public class AnswerPageTests(ServingWorker worker)
{
    private AsyncServiceScope Scope() => worker.Services.CreateAsyncScope();

    private async Task<Uri> LinkAsync(string milestoneId, AnswerAction action, TimeProvider? clock = null)
    {
        await using var scope = Scope();
        var links = clock is null
            ? scope.ServiceProvider.GetRequiredService<AnswerLinks>()
            : ActivatorUtilities.CreateInstance<AnswerLinks>(scope.ServiceProvider, clock);
        return links.Create(milestoneId, "owner", action);
    }

    private async Task<(MilestoneStatus Status, DateOnly Due, int Answers)> StateAsync(string milestoneId)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        var milestone = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == milestoneId);
        return (milestone.Status, milestone.DueDate, await db.MilestoneAnswers.CountAsync(a => a.MilestoneId == milestoneId));
    }

    [Fact]
    public async Task Get_ShowsTheMilestoneAndChangesNothing_SoAMailScannerOpeningTheLinkIsHarmless()
    {
        const string milestone = "5.2-handleplaner-2011";
        var before = await StateAsync(milestone);
        using var client = worker.Client();
        var page = await client.GetStringAsync(await LinkAsync(milestone, AnswerAction.Done));
        Assert.Contains("Markér som udført", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(milestone));
    }

    [Fact]
    public async Task TamperedLink_GetsAClearPage_AndChangesNothing()
    {
        const string milestone = "5.3-aktivering-2011";
        var before = await StateAsync(milestone);
        var link = (await LinkAsync(milestone, AnswerAction.Done)).ToString();
        var tampered = link[..^6] + (link[^6] == 'x' ? "y" : "x") + link[^5..];
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = worker.BaseUrl };

        // A valid antiforgery token from the genuine link's page, so the POST is refused for the tampering alone.
        var genuine = await client.GetStringAsync(new Uri(link));
        var token = System.Text.RegularExpressions.Regex.Match(genuine, "<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "the answer page carries an antiforgery token");
        using var get = await client.GetAsync(new Uri(tampered));
        using var post = await client.PostAsync(new Uri(tampered), new FormUrlEncodedContent(
        [
            new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)),
            new("t", System.Web.HttpUtility.ParseQueryString(new Uri(tampered).Query)["t"]!),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Contains("Linket er ugyldigt", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("Linket er ugyldigt", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(milestone));
    }

    [Fact]
    public async Task LinkToAnEvent_GetsAClearPage_WithoutAForm_AndChangesNothing()
    {
        // A dated fact of the sources (the grant ending) is no one's deadline: no reminder links to it, and a link made
        // for it anyway answers nothing.
        const string milestone = "3.1-bevilling-ophoerer";
        var before = await StateAsync(milestone);
        using var client = worker.Client();
        using var response = await client.GetAsync(await LinkAsync(milestone, AnswerAction.NewDate));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Der er ingen frist at svare på", page, StringComparison.Ordinal);
        Assert.Contains("ikke en frist", page, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(page, "ntet er ændret")); // said once, not twice
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(milestone));
    }

    [Fact]
    public async Task LinkForAnotherMilestone_GetsAClearPage()
    {
        var link = await LinkAsync("5.3-aktivering-2011", AnswerAction.Done);
        var moved = new Uri(link.ToString().Replace("5.3-aktivering-2011", "3.5-projekter-afsluttes", StringComparison.Ordinal));
        using var client = worker.Client();
        using var response = await client.GetAsync(moved);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Linket hører til en anden milepæl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredLink_GetsAClearPage()
    {
        var longAgo = new FixedClock(new DateOnly(2010, 3, 3), new TimeOnly(7, 0));
        using var client = worker.Client();
        using var response = await client.GetAsync(await LinkAsync("5.3-aktivering-2011", AnswerAction.Done, longAgo));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Linket er udløbet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutTheFormsAntiforgeryToken_ChangesNothing()
    {
        const string milestone = "5.2-handleplaner-2011";
        var before = await StateAsync(milestone);
        var link = await LinkAsync(milestone, AnswerAction.Done);
        using var client = worker.Client();
        using var response = await client.PostAsync(link, new FormUrlEncodedContent([new("t", System.Web.HttpUtility.ParseQueryString(link.Query)["t"]!)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StateAsync(milestone));
    }

    [Fact]
    public async Task Owner_OpensTheDoneLinkOfAReminderInABrowser_AndTheRemindersStop()
    {
        const string milestone = "1.2c-groen-linie-forslag-styregruppe";
        await using (var scope = Scope())
        {
            // Replay 3 March 2010 in the serving worker, then deliver: the reminder reaches the owner's mailbox.
            var clock = new FixedClock(new DateOnly(2010, 3, 3), new TimeOnly(7, 0));
            await ActivatorUtilities.CreateInstance<MilestoneReminderJob>(scope.ServiceProvider, (TimeProvider)clock).RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        }

        using var mailDev = MailDevClient.Shared();
        var reminder = (await mailDev.WaitForAsync("sof-bif@bifsof.example.dk", 1))
            .Last(e => e.Subject.Contains("grøn linie", StringComparison.Ordinal) && (e.Html ?? string.Empty).Contains(worker.BaseUrl.Authority, StringComparison.Ordinal));
        var doneLink = Links(reminder.Html!).First();

        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(doneLink);
        Assert.Equal("Forslag til udmøntning af grøn linie forelægges styregruppen", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Contains(DanishFormat.Date(new DateOnly(2010, 3, 17)), await page.ContentAsync(), StringComparison.Ordinal);
        await page.ClickAsync("text=Markér som udført");

        Assert.Equal("Tak – dit svar er registreret.", (await page.TextContentAsync("[role=status]"))?.Trim());
        var history = await page.TextContentAsync("table");
        Assert.Contains("Markeret som udført", history, StringComparison.Ordinal);
        await using (var scope = Scope())
        {
            // The history names who answered, never the catalogue's owner key.
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            var ownerKey = await db.MilestoneAnswers.Where(a => a.MilestoneId == milestone).Select(a => a.OwnerKey).FirstAsync();
            var owner = await db.Owners.SingleAsync(o => o.Key == ownerKey);
            Assert.Contains(owner.Name, history, StringComparison.Ordinal);
            Assert.DoesNotContain(ownerKey, history, StringComparison.Ordinal);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "answer-done.png"), FullPage = true });
        Assert.Equal((MilestoneStatus.Done, 1), ((await StateAsync(milestone)).Status, (await StateAsync(milestone)).Answers));

        await using (var scope = Scope())
        {
            var clock = new FixedClock(new DateOnly(2010, 3, 14), new TimeOnly(7, 0));
            await ActivatorUtilities.CreateInstance<MilestoneReminderJob>(scope.ServiceProvider, (TimeProvider)clock).RunAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.BusinessKey == $"milestone-reminder:{milestone}:2010-03-17:before3:2010-03-14"));
        }
    }

    [Fact]
    public async Task NewDateForm_OpensEmpty_WhenTheDueDateHasPassed_AndOnTheDueDate_WhenItIsStillAhead()
    {
        // Milestones of the test's own (the real catalogue changes), one past and one ahead of the worker's clock.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var today = Copenhagen.Today(worker.Services.GetRequiredService<TimeProvider>());
        var (past, ahead) = ($"forbi-{suffix}", $"forude-{suffix}");
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
            TestCatalogue.AddOwner(db, $"ejer-{suffix}", "Socialforvaltningen (SOF)", $"ejer-{suffix}@test.example.dk", null, $"9.{suffix}");
            TestCatalogue.AddMilestone(db, past, $"9.{suffix}", today.AddDays(-10));
            TestCatalogue.AddMilestone(db, ahead, $"9.{suffix}", today.AddDays(20));
            await db.SaveChangesAsync();
        }

        using var client = worker.Client();
        var pastPage = await client.GetStringAsync(await LinkAsync(past, AnswerAction.NewDate));
        var aheadPage = await client.GetStringAsync(await LinkAsync(ahead, AnswerAction.NewDate));

        var iso = (DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var pastInput = System.Text.RegularExpressions.Regex.Match(pastPage, "<input id=\"dato\"[^>]*>").Value;
        Assert.Contains($"min=\"{iso(today)}\"", pastInput, StringComparison.Ordinal);
        Assert.DoesNotContain("value=", pastInput, StringComparison.Ordinal);
        var aheadInput = System.Text.RegularExpressions.Regex.Match(aheadPage, "<input id=\"dato\"[^>]*>").Value;
        Assert.Contains($"value=\"{iso(today.AddDays(20))}\"", aheadInput, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Links(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]+/svar\\?t=[^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
}
