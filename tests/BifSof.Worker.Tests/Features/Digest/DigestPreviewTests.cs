using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Digest;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>The service behind <c>digest preview YYYY-MM [--centre NAME] --out DIR</c>.</summary>
public sealed class DigestPreviewTests : IAsyncLifetime
{
    private readonly TempFolder _out = new();
    private DigestScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = await DigestScenario.StartAsync();
        await _scenario.ImportAsync("2010-01", (DigestScenario.Amager, 0, 5), (DigestScenario.Oest, 5, 8));
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));
    }

    public async Task DisposeAsync()
    {
        _out.Dispose();
        await _scenario.DisposeAsync();
    }

    /// <summary>The worker's services with the given settings, as the verb builds them.</summary>
    private async Task<IReadOnlyList<string>> PreviewAsync(WorkerSettings settings, string? centre)
    {
        await using var app = await WorkerServices.StartAsync(settings);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestPreview>().WriteAsync(new DateOnly(2010, 2, 1), centre, _out.Path, CancellationToken.None);
    }

    [Fact]
    public async Task WriteAsync_WritesAnEmlAndAnHtmlPerDigest_AndQueuesNothing()
    {
        var files = await PreviewAsync(_scenario.Settings(), null);

        Assert.Equal(
            ["2010-02-ledelsen.eml", "2010-02-ledelsen.html", "2010-02-socialcenter-amager.eml", "2010-02-socialcenter-amager.html", "2010-02-socialcenter-oest-aeroe.eml", "2010-02-socialcenter-oest-aeroe.html"],
            files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var message = await MimeMessage.LoadAsync(Path.Combine(_out.Path, "2010-02-socialcenter-oest-aeroe.eml"));
        Assert.Equal("Opfølgning på fællesborgere, februar 2010 – Socialcenter \"Øst\"; Ærø", message.Subject);
        Assert.Equal([_scenario.OestTeam], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains(message.BodyParts, p => p.ContentId == DigestComposer.ChartContentId && p.ContentType.MimeType == "image/png");
        Assert.Contains(message.Attachments, p => p.ContentDisposition?.FileName == "faellesborgere-2010-02.xlsx");
        var html = await File.ReadAllTextAsync(Path.Combine(_out.Path, "2010-02-socialcenter-oest-aeroe.html"));
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", html, StringComparison.Ordinal);

        await using var scope = _scenario.Worker.Scope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task WriteAsync_WritesOneCentresDigestOnly_WhenACentreIsNamed()
    {
        var files = await PreviewAsync(_scenario.Settings(), DigestScenario.Oest);

        Assert.Equal(["2010-02-socialcenter-oest-aeroe.eml", "2010-02-socialcenter-oest-aeroe.html"], files.Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_RefusesACentreWithoutADigest_NamingTheCentresThatHaveOne()
    {
        var refused = await Assert.ThrowsAsync<DigestInputException>(() => PreviewAsync(_scenario.Settings(), "Socialcenter Valby"));

        Assert.Contains("Socialcenter Amager", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public async Task WriteAsync_RefusesAMonthWithoutKpis()
    {
        await using var app = await WorkerServices.StartAsync(_scenario.Settings());
        await using var scope = app.Services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<DigestInputException>(() =>
            scope.ServiceProvider.GetRequiredService<DigestPreview>().WriteAsync(new DateOnly(2011, 5, 1), null, _out.Path, CancellationToken.None));
        Assert.StartsWith("2011-05 har ingen beregnede nøgletal", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ShowsATemplateEditAtOnce_WithoutARebuildOrARestart()
    {
        using var templates = TempFolder.WithTemplates();
        await using var app = await WorkerServices.StartAsync(_scenario.Settings().With($"{BifSofOptions.Section}:TemplatesPath", templates.Path));
        await using var scope = app.Services.CreateAsyncScope();
        var preview = scope.ServiceProvider.GetRequiredService<DigestPreview>();
        await preview.WriteAsync(new DateOnly(2010, 2, 1), DigestScenario.Amager, _out.Path, CancellationToken.None);

        var subject = Path.Combine(templates.Path, "digest-centre.subject.sbn");
        await File.WriteAllTextAsync(subject, "Månedsbrev {{ month_name }} til {{ centre.name }}\n");
        await preview.WriteAsync(new DateOnly(2010, 2, 1), DigestScenario.Amager, _out.Path, CancellationToken.None);

        var message = await MimeMessage.LoadAsync(Path.Combine(_out.Path, "2010-02-socialcenter-amager.eml"));
        Assert.Equal("Månedsbrev februar 2010 til Socialcenter Amager", message.Subject);
    }

    [Fact]
    public async Task PreviewVerb_WritesTheFilesAndNamesThem_AndRefusesAMonthWithoutKpis_WithExitCode2()
    {
        var written = await CliRun.RunAsync(_scenario.Settings(), "digest", "preview", "2010-02", "--centre", DigestScenario.Amager, "--out", _out.Path);
        var refused = await CliRun.RunAsync(_scenario.Settings(), "digest", "preview", "2011-05", "--out", _out.Path);
        var missingOut = await CliRun.RunAsync(_scenario.Settings(), "digest", "preview", "2010-02");

        Assert.True(written.ExitCode == Worker.Hosting.Cli.ExitCodes.Success, written.Error);
        Assert.Equal(
            [Path.Combine(_out.Path, "2010-02-socialcenter-amager.eml"), Path.Combine(_out.Path, "2010-02-socialcenter-amager.html")],
            written.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
        Assert.Equal(Worker.Hosting.Cli.ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("2011-05 har ingen beregnede nøgletal", refused.Error, StringComparison.Ordinal);
        Assert.Equal(Worker.Hosting.Cli.ExitCodes.Refused, missingOut.ExitCode);
    }
}
