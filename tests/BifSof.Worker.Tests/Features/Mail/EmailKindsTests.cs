using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Mail;

/// <summary>"Udsendelser" names each e-mail's kind in Danish and never shows a template id.</summary>
public class EmailKindsTests
{
    [Fact]
    public void Name_GivesEveryTemplateADanishName_WhenTheTemplateIsInTheRepository()
    {
        var templates = Directory.GetFiles(Repository.Templates, "*.subject.sbn")
            .Select(path => Path.GetFileName(path)[..^".subject.sbn".Length])
            .ToList();

        Assert.NotEmpty(templates);
        Assert.All(templates, template => Assert.NotEqual("Anden e-mail", EmailKinds.Name(template)));
    }

    [Fact]
    public void Name_HidesTheId_WhenTheTemplateIsUnknown() =>
        Assert.Equal("Anden e-mail", EmailKinds.Name("some-new-template"));
}
