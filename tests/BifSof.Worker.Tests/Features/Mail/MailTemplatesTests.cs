using BifSof.Worker.Common.Templating;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Mail;

public class MailTemplatesTests
{
    [Fact]
    public void Constructor_AcceptsTheRepositoryTemplates()
    {
        var templates = new MailTemplates(Repository.Templates);
        Assert.Contains("testmail", templates.Names);
    }

    [Fact]
    public void Constructor_NamesFileAndLine_WhenATemplateDoesNotParse()
    {
        using var folder = TempFolder.WithTemplates();
        folder.Write("testmail.html.sbn", "<p>Linje 1</p>\n<p>{{ for x in y }}</p>\n");
        var ex = Assert.Throws<TemplateCheckException>(() => new MailTemplates(folder.Path));
        Assert.Contains(ex.Errors, e => e.StartsWith("testmail.html.sbn, line 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_NamesTheMissingPart_WhenAnEmailLacksItsTextBody()
    {
        using var folder = TempFolder.WithTemplates();
        folder.Write("reminder.subject.sbn", "Påmindelse");
        folder.Write("reminder.html.sbn", "<p>Hej</p>");
        var ex = Assert.Throws<TemplateCheckException>(() => new MailTemplates(folder.Path));
        Assert.Contains("reminder.text.sbn is missing: an e-mail needs a subject, an HTML body and a text body.", ex.Errors);
    }

    [Fact]
    public void Render_WrapsTheBodyInTheSharedLayout_InHtmlAndText()
    {
        var email = new MailTemplates(Repository.Templates)
            .Render("testmail", new { RequestedBy = "admin", RequestedAt = new DateTimeOffset(2010, 3, 17, 8, 0, 0, TimeSpan.Zero) });
        Assert.Equal("Prøve-e-mail fra BifSofWorker", email.Subject);
        Assert.Contains("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains("17. marts 2010 kl. 09.00", email.Html, StringComparison.Ordinal);
        Assert.Contains("17. marts 2010 kl. 09.00", email.Text, StringComparison.Ordinal);
        Assert.Contains("sendt automatisk af BifSofWorker", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EncodesValuesInHtml_ButNotInText()
    {
        var email = new MailTemplates(Repository.Templates)
            .Render("testmail", new { RequestedBy = "<script>Ærø & co</script>", RequestedAt = DateTimeOffset.UnixEpoch });
        Assert.Contains("&lt;script&gt;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<script>Ærø & co</script>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Fails_WhenTheModelLacksAVariableTheTemplateUses()
    {
        var templates = new MailTemplates(Repository.Templates);
        Assert.ThrowsAny<Exception>(() => templates.Render("testmail", new { RequestedBy = "admin" }));
    }
}
