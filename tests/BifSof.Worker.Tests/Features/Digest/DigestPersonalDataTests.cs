using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Digest;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>
/// No CPR in any part of any digest: every message as it goes out (subject, both bodies, every attachment decoded, every
/// file inside the workbook unzipped), digests and corrections alike, and the preview's files.
/// </summary>
public sealed partial class DigestPersonalDataTests : IAsyncLifetime
{
    private readonly TempFolder _preview = new();
    private DigestScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = await DigestScenario.StartAsync();
        await _scenario.ImportAsync("2010-01", (DigestScenario.Amager, 0, 5), (DigestScenario.Oest, 5, 8));
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));
        await _scenario.RunDigestAsync("2010-03-03");
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Amager, 9, 10), (DigestScenario.Oest, 6, 9));
        await _scenario.RunDigestAsync("2010-03-04");
    }

    public async Task DisposeAsync()
    {
        _preview.Dispose();
        await _scenario.DisposeAsync();
    }

    [GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial Regex CprShape();

    [GeneratedRegex("data:image/png;base64,[A-Za-z0-9+/=]+")]
    private static partial Regex EmbeddedPicture();

    // The workbook's relationship ids are random GUIDs in hex (R46e5fff9c8…), which may hold ten digits in a row.
    [GeneratedRegex("R[0-9a-f]{32}")]
    private static partial Regex GeneratedId();

    [Fact]
    public async Task EveryPartOfEveryDigestAndCorrection_HoldsNoCpr()
    {
        await using var scope = _scenario.Worker.Scope();
        var smtp = scope.ServiceProvider.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var messages = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.AsNoTracking()
            .Include(m => m.Attachments).Where(m => m.Template.StartsWith("digest-")).ToListAsync();
        Assert.Contains(messages, m => m.Subject.StartsWith("Rettelse:", StringComparison.Ordinal));

        var parts = new List<(string Where, byte[] Content)>();
        foreach (var message in messages)
        {
            parts.AddRange(Parts(OutboxDispatcher.ToMime(message, smtp), message.BusinessKey));
        }

        await using (var app = await WorkerServices.StartAsync(_scenario.Settings()))
        await using (var previewScope = app.Services.CreateAsyncScope())
        {
            foreach (var file in await previewScope.ServiceProvider.GetRequiredService<DigestPreview>().WriteAsync(new DateOnly(2010, 2, 1), null, _preview.Path, CancellationToken.None))
            {
                parts.Add((file, await File.ReadAllBytesAsync(file)));
                if (file.EndsWith(".eml", StringComparison.Ordinal))
                {
                    parts.AddRange(Parts(await MimeMessage.LoadAsync(file), file));
                }
            }
        }

        Assert.Contains(parts, p => p.Where.EndsWith("xl/worksheets/sheet2.xml", StringComparison.Ordinal));
        Assert.Contains(parts, p => Encoding.UTF8.GetString(p.Content).Contains(DigestScenario.SofCase(9), StringComparison.Ordinal));
        var cprs = Enumerable.Range(0, 10).Select(DigestScenario.Cpr).SelectMany(c => new[] { c, c[..6] + "-" + c[6..] }).ToList();
        foreach (var (where, content) in parts)
        {
            var text = Encoding.Latin1.GetString(content) + Encoding.UTF8.GetString(content);
            Assert.DoesNotContain(cprs, cpr => text.Contains(cpr, StringComparison.Ordinal));
            // A picture (and base64 text) may hold any digits by chance: it is scanned for the test's own CPR numbers only. The
            // raw .eml files are covered by their decoded parts.
            if (!where.EndsWith(".png", StringComparison.Ordinal) && !where.EndsWith(".eml", StringComparison.Ordinal))
            {
                var readable = GeneratedId().Replace(EmbeddedPicture().Replace(text, string.Empty), string.Empty);
                Assert.False(CprShape().IsMatch(readable), $"{where} holds a CPR-shaped number: {CprShape().Match(readable).Value}");
            }
        }
    }

    /// <summary>The subject and every MIME part decoded; a workbook also as each file it zips.</summary>
    private static IEnumerable<(string Where, byte[] Content)> Parts(MimeMessage message, string name)
    {
        yield return ($"{name} subject", Encoding.UTF8.GetBytes(message.Subject ?? string.Empty));
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            using var decoded = new MemoryStream();
            part.Content!.DecodeTo(decoded);
            var fileName = part.FileName ?? part.ContentType.MimeType;
            yield return ($"{name} {fileName}", decoded.ToArray());
            if (fileName.EndsWith(".xlsx", StringComparison.Ordinal))
            {
                decoded.Position = 0;
                using var zip = new ZipArchive(decoded, ZipArchiveMode.Read);
                foreach (var entry in zip.Entries)
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    yield return ($"{name} {fileName} {entry.FullName}", copy.ToArray());
                }
            }
        }
    }
}
