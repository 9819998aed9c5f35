using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Common;

/// <summary>The demo date: its clock's arithmetic, its validation, and where it shows (pages, e-mails).</summary>
public class DemoDateTests
{
    // 24 November 2026 at 10:30 in Copenhagen (CET, UTC+1).
    private static readonly DateTimeOffset WallStart = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_IsTheDemoDateAtTheWallClocksTimeOfDay_WhenTheClockStarts()
    {
        var clock = new DemoClock(new DateOnly(2010, 3, 3), new ManualClock(WallStart));

        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Copenhagen.TimeZone);

        Assert.Equal(new DateTime(2010, 3, 3, 10, 30, 0), local.DateTime);
        Assert.Equal(new DateOnly(2010, 3, 3), Copenhagen.Today(clock));
    }

    [Fact]
    public void GetUtcNow_KeepsTheCopenhagenTimeOfDay_WhenTheDemoDateIsInSummerTime()
    {
        // Wall clock in CET (UTC+1), demo day in CEST (UTC+2): 10:30 stays 10:30, so the offset is not whole days.
        var clock = new DemoClock(new DateOnly(2010, 6, 2), new ManualClock(WallStart));

        Assert.Equal(new DateTimeOffset(2010, 6, 2, 8, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_RunsForwardInRealTime_WhenTheWallClockMoves()
    {
        var wall = new ManualClock(WallStart);
        var clock = new DemoClock(new DateOnly(2010, 3, 3), wall);
        var start = clock.GetUtcNow();

        wall.Now += TimeSpan.FromHours(14) + TimeSpan.FromMinutes(5);

        Assert.Equal(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(5), clock.GetUtcNow() - start);
        Assert.Equal(new DateOnly(2010, 3, 4), Copenhagen.Today(clock)); // 00:35 the next demo day
    }

    [Fact]
    public void For_ReturnsTheWallClock_WhenNoDemoDateIsSet()
    {
        Assert.Same(TimeProvider.System, DemoClock.For(null));
        Assert.IsType<DemoClock>(DemoClock.For(new DateOnly(2010, 3, 3)));
    }

    [Theory]
    [InlineData("30 7 * * 1-5", DayOfWeek.Wednesday, true)]
    [InlineData("0 7 * * 1-5", DayOfWeek.Monday, true)]
    [InlineData("45 7 * * 1-5", DayOfWeek.Friday, true)]
    [InlineData("30 7 * * 1-5", DayOfWeek.Saturday, false)]
    [InlineData("30 7 * * 1-5", DayOfWeek.Sunday, false)]
    [InlineData("0 3 * * *", DayOfWeek.Sunday, true)]
    [InlineData("0 3 * * 0,6", DayOfWeek.Sunday, true)]
    [InlineData("* * * * *", DayOfWeek.Wednesday, false)]
    [InlineData("*/10 * * * *", DayOfWeek.Wednesday, false)]
    [InlineData("0 7 1 * *", DayOfWeek.Wednesday, false)]
    public void RunsOnceOn_PicksTheOnceADayJobsDueThatWeekday_WhenTheDemoStarts(string cron, DayOfWeek day, bool expected) =>
        Assert.Equal(expected, DemoCatchUp.RunsOnceOn(cron, day));

    [Fact]
    public void Validate_RefusesTheDemoDate_WhenTheEnvironmentIsProduction()
    {
        var result = new BifSofOptionsValidator(new Environment(Environments.Production)).Validate(null, Options("2010-03-03"));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("BifSof__DemoDate", StringComparison.Ordinal) && f.Contains("Production", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AcceptsTheDemoDate_WhenTheEnvironmentIsDevelopment() =>
        Assert.True(new BifSofOptionsValidator(new Environment(Environments.Development)).Validate(null, Options("2010-03-03")).Succeeded);

    [Theory]
    [InlineData("03-03-2010")]
    [InlineData("2010-02-30")]
    [InlineData("i morgen")]
    public void Validate_RefusesTheDemoDate_WhenItIsNotAnIsoDate(string value)
    {
        var result = new BifSofOptionsValidator(new Environment(Environments.Development)).Validate(null, Options(value));

        Assert.Contains(result.Failures!, f => f.Contains("BifSof__DemoDate", StringComparison.Ordinal) && f.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void RenderDashboard_ShowsNoDemoBanner_WhenNoDemoDateIsSet()
    {
        var html = new PageTemplates(Banner(null)).RenderDashboard("AnswerNoticePage", "Milepæle", Notice(), "/hangfire", readOnly: true);

        Assert.Contains("<h1 class=\"page-header\">Milepæle</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderDashboardAndPublic_ShowTheDemoDay_WhenADemoDateIsSet()
    {
        var templates = new PageTemplates(Banner("2010-03-03"));

        var dashboard = templates.RenderDashboard("AnswerNoticePage", "Milepæle", Notice(), "/hangfire", readOnly: true);
        var page = templates.RenderPublic("AnswerNoticePage", "Tak", Notice());

        Assert.Contains("Demo: dagen er 3. marts 2010", dashboard, StringComparison.Ordinal);
        Assert.Contains("Demo: dagen er 3. marts 2010", page, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPublic_ShowsNoDemoBanner_WhenNoDemoDateIsSet() =>
        Assert.DoesNotContain("Demo:", new PageTemplates(Banner(null)).RenderPublic("AnswerNoticePage", "Tak", Notice()), StringComparison.Ordinal);

    [Fact]
    public void RenderEmail_HasNoDemoFooter_WhenNoDemoDateIsSet()
    {
        var email = new MailTemplates(Repository.Templates, Banner(null)).Render("testmail", TestMail());

        Assert.Contains("sendt automatisk af BifSofWorker", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo:", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo:", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_NamesTheDemoDayInTheFooter_WhenADemoDateIsSet()
    {
        var email = new MailTemplates(Repository.Templates, Banner("2010-03-03")).Render("testmail", TestMail());

        Assert.Contains("Demo: dagen er 3. marts 2010.", email.Html, StringComparison.Ordinal);
        Assert.Contains("Borgere omtales kun med sagsnummer.\nDemo: dagen er 3. marts 2010.", email.Text, StringComparison.Ordinal);
    }

    private static BifSofOptions Options(string demoDate) => new()
    {
        PseudonymKey = new string('k', 40),
        PublicBaseUrl = "http://127.0.0.1:5080",
        TemplatesPath = Repository.Templates,
        CatalogueFile = Repository.Catalogue,
        DemoDate = demoDate,
    };

    /// <summary>The banner as the worker builds it: the options and the domain clock the options make.</summary>
    private static DemoBanner Banner(string? demoDate)
    {
        var options = new BifSofOptions { DemoDate = demoDate };
        return new DemoBanner(Microsoft.Extensions.Options.Options.Create(options), options.DemoDay is { } day ? new DemoClock(day, new ManualClock(WallStart)) : new ManualClock(WallStart));
    }

    private static object Notice() => new { Heading = "Tak", Text = "Svaret er gemt." };

    private static object TestMail() => new { RequestedBy = "admin", RequestedAt = new DateTimeOffset(2010, 3, 3, 8, 0, 0, TimeSpan.Zero) };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "BifSof.Worker";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
