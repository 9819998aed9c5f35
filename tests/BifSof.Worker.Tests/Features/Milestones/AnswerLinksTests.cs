using BifSof.Worker.Common;
using BifSof.Worker.Features.Milestones;
using BifSof.Worker.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Features.Milestones;

public class AnswerLinksTests
{
    private static readonly IDataProtectionProvider Keys = DataProtectionProvider.Create("answer-link-tests");

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (AnswerLinks Links, StoppedClock Clock) Create()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var links = new AnswerLinks(
            Keys,
            Options.Create(new BifSofOptions { PublicBaseUrl = "https://bifsof.kk.dk" }),
            Options.Create(new MilestoneOptions { LinkLifetimeDays = 30 }),
            clock);
        return (links, clock);
    }

    private static string Token(Uri link) => System.Web.HttpUtility.ParseQueryString(link.Query)["t"]!;

    [Fact]
    public void Create_PointsAtTheMilestonesAnswerPage()
    {
        var link = Create().Links.Create("1.2c-groen", "sof-bif", AnswerAction.Done);
        Assert.Equal("https://bifsof.kk.dk/milepaele/1.2c-groen/svar", link.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void Check_AcceptsAGenuineLink_AndReturnsWhatItGrants()
    {
        var (links, _) = Create();
        var token = Token(links.Create("1.2c-groen", "sof-bif", AnswerAction.NewDate));
        Assert.Equal(LinkCheck.Valid, links.Check("1.2c-groen", token, out var ticket));
        Assert.Equal(("1.2c-groen", "sof-bif", AnswerAction.NewDate), (ticket!.MilestoneId, ticket.OwnerKey, ticket.Action));
    }

    [Fact]
    public void Check_RefusesATamperedLink()
    {
        var (links, _) = Create();
        var token = Token(links.Create("1.2c-groen", "sof-bif", AnswerAction.Done));
        var tampered = string.Concat(token.AsSpan(0, 40), token[40] == 'A' ? "B" : "A", token.AsSpan(41));
        Assert.Equal(LinkCheck.Tampered, links.Check("1.2c-groen", tampered, out _));
        Assert.Equal(LinkCheck.Tampered, links.Check("1.2c-groen", "not-a-token", out _));
        Assert.Equal(LinkCheck.Tampered, links.Check("1.2c-groen", null, out _));
    }

    [Fact]
    public void Check_RefusesALinkOpenedOnAnotherMilestonesPage()
    {
        var (links, _) = Create();
        var token = Token(links.Create("1.2c-groen", "sof-bif", AnswerAction.Done));
        Assert.Equal(LinkCheck.WrongMilestone, links.Check("1.4-forslag", token, out _));
    }

    [Fact]
    public void Check_RefusesALink_OnceItsLifetimeHasPassed()
    {
        var (links, clock) = Create();
        var token = Token(links.Create("1.2c-groen", "sof-bif", AnswerAction.Done));
        clock.Now = clock.Now.AddDays(30).AddMinutes(-1);
        Assert.Equal(LinkCheck.Valid, links.Check("1.2c-groen", token, out _));
        clock.Now = clock.Now.AddMinutes(2);
        Assert.Equal(LinkCheck.Expired, links.Check("1.2c-groen", token, out _));
    }

    [Fact]
    public void Check_RefusesALinkSignedWithOtherKeys()
    {
        var (links, _) = Create();
        var foreign = new AnswerLinks(
            DataProtectionProvider.Create("someone-else"),
            Options.Create(new BifSofOptions { PublicBaseUrl = "https://bifsof.kk.dk" }),
            Options.Create(new MilestoneOptions()),
            TimeProvider.System);
        var token = Token(foreign.Create("1.2c-groen", "sof-bif", AnswerAction.Done));
        Assert.Equal(LinkCheck.Tampered, links.Check("1.2c-groen", token, out _));
    }
}
