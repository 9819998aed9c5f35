using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Tests.Common;

public class PageTemplatesTests
{
    private static readonly PageTemplates Templates = new();

    [Fact]
    public void Constructor_FindsATemplateForEveryDashboardPage()
    {
        var pages = typeof(IDashboardPage).Assembly.GetTypes()
            .Where(t => typeof(IDashboardPage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, name => Assert.Contains(name, Templates.Names));
    }

    [Fact]
    public void Render_EncodesEveryValue_WhenTheTemplateWritesItPlainly()
    {
        var html = Templates.RenderDashboard("MilestonesPage", "Milepæle <b>", MilestonesModel("<script>alert(1)</script>", "Rådgivningscenter \"Øst\""), "/hangfire", readOnly: true);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Rådgivningscenter &quot;Øst&quot;", html, StringComparison.Ordinal); // Danish letters stay letters
        Assert.Contains("<h1 class=\"page-header\">Milepæle &lt;b&gt;</h1>", html, StringComparison.Ordinal); // the shared shell
    }

    [Fact]
    public void Render_Refuses_WhenTheModelLacksAVariableTheTemplateUses()
    {
        Assert.ThrowsAny<Exception>(() => Templates.RenderDashboard("MilestonesPage", "Milepæle", new { Today = "1. januar 2010" }, "/hangfire", readOnly: true));
    }

    [Theory]
    [InlineData("1", "1 milepæl er en dato fra kilderne uden frist (»dato – ingen frist«): den får ingen påmindelser")]
    [InlineData("7", "7 milepæle er datoer fra kilderne uden frist (»dato – ingen frist«): de får ingen påmindelser")]
    public void Render_CountsTheEvents_InTheSingularForOne(string events, string expected)
    {
        var html = Templates.RenderDashboard("MilestonesPage", "Milepæle", MilestonesModel("Forslag", "SOF", events), "/hangfire", readOnly: true);

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    private static object MilestonesModel(string title, string owner, string? events = null) => new
    {
        Today = "3. marts 2010",
        TodayIso = "2010-03-03",
        Past = false,
        Count = 1,
        NotYetKnown = (string?)null,
        OverdueCount = 0,
        DaysBefore = "14 og 3",
        OverdueEveryDays = 7,
        EscalateAfterDays = 14,
        EventCount = events,
        Rows = new[]
        {
            new { Initiative = "1.1 Grøn linie", Title = title, Owner = owner, Due = "17. marts 2010", DueText = (string?)null, OriginalDue = (string?)null, Status = "Planlagt", Note = (string?)null, StatusSource = (string?)null, Source = "Bilag 1, 1.2", Quote = "Forslag til udmentning", Overdue = false, IsEvent = false, DaysOverdue = -14, OneDay = false, Answer = (object?)null, Reminders = 0 },
        },
    };
}
