using BifSof.Worker.Features.Mail;
using MimeKit;

namespace BifSof.Worker.Tests.Features.Mail;

/// <summary>
/// The dispatcher's own base64 for charts and workbooks writes the bytes MimeKit's own path writes: every e-mail is
/// the same as before, only made with less CPU.
/// </summary>
public class Base64AttachmentPartTests
{
    private const string Png = "image/png";

    public static TheoryData<int, bool, bool> Sizes()
    {
        var data = new TheoryData<int, bool, bool>();
        // Under one line, a line's edges (57 bytes = 76 characters), base64's padding cases, a chunk's edges (64
        // lines), a chart, and more than the large-object heap's threshold.
        foreach (var size in new[] { 1, 2, 3, 56, 57, 58, 113, 114, 115, 3647, 3648, 3649, 40_001, 100_000 })
        {
            foreach (var dos in new[] { true, false })
            {
                foreach (var linked in new[] { true, false })
                {
                    data.Add(size, dos, linked);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WriteTo_WritesMimeKitsOwnBytes_ForEverySizeLineEndingAndPlacement(int size, bool dos, bool linked)
    {
        var (mimeKits, ours) = Both("chart.png", Png, Bytes(size, seed: size), linked);

        Assert.Equal(Written(mimeKits, Options(dos)), Written(ours, Options(dos)));
        Assert.Equal(Written(mimeKits, Options(dos), contentOnly: true), Written(ours, Options(dos), contentOnly: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteToAsync_WritesMimeKitsOwnBytes_WhenWrittenAsynchronously(bool dos)
    {
        var (mimeKits, ours) = Both("faellesborgere.xlsx", DigestWorkbookType, Bytes(12_000, seed: 7), linked: false);

        Assert.Equal(await WrittenAsync(mimeKits, Options(dos)), await WrittenAsync(ours, Options(dos)));
    }

    [Theory]
    [InlineData("grafer/chart.png", Png)]
    [InlineData("data.bin", "application/octet-stream; x-version=2")]
    [InlineData("rapport 2010 (endelig).xlsx", DigestWorkbookType)]
    public void WriteTo_WritesMimeKitsOwnHeaders_ForAPathAParameterOrSpacesInTheName(string fileName, string contentType)
    {
        foreach (var linked in new[] { true, false })
        {
            var (mimeKits, ours) = Both(fileName, contentType, Bytes(500, seed: 3), linked);

            Assert.Equal(Written(mimeKits, Options(dos: true)), Written(ours, Options(dos: true)));
        }
    }

    [Fact]
    public void WriteTo_LeavesTheWritingToMimeKit_WhenThePartWasGivenAnotherEncoding()
    {
        var (mimeKits, ours) = Both("chart.png", Png, Bytes(300, seed: 5), linked: false);
        mimeKits.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        ours.ContentTransferEncoding = ContentEncoding.QuotedPrintable;

        Assert.Equal(Written(mimeKits, Options(dos: true)), Written(ours, Options(dos: true)));
    }

    [Theory]
    [InlineData(Png, 10, true)]
    [InlineData(DigestWorkbookType, 10, true)]
    [InlineData(Png, 0, false)]
    [InlineData("text/calendar; charset=utf-8; method=PUBLISH", 10, false)]
    [InlineData("text/csv", 10, false)]
    [InlineData("message/rfc822", 10, false)]
    [InlineData("multipart/mixed", 10, false)]
    public void Handles_TakesNonEmptyBinaryContentOnly_WhenAskedForAType(string contentType, int size, bool expected)
    {
        Assert.Equal(expected, Base64AttachmentPart.Handles(ContentType.Parse(contentType), new byte[size]));
    }

    private const string DigestWorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static (MimePart MimeKits, Base64AttachmentPart Ours) Both(string fileName, string contentType, byte[] content, bool linked)
    {
        var builder = new BodyBuilder();
        var mimeKits = (MimePart)(linked ? builder.LinkedResources : builder.Attachments).Add(fileName, content, ContentType.Parse(contentType));
        return (mimeKits, Base64AttachmentPart.Create(fileName, content, ContentType.Parse(contentType), linked));
    }

    internal static FormatOptions Options(bool dos)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = dos ? NewLineFormat.Dos : NewLineFormat.Unix;
        return options;
    }

    internal static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Written(MimeEntity entity, FormatOptions options, bool contentOnly = false)
    {
        using var stream = new MemoryStream();
        entity.WriteTo(options, stream, contentOnly);
        return stream.ToArray();
    }

    private static async Task<byte[]> WrittenAsync(MimeEntity entity, FormatOptions options)
    {
        using var stream = new MemoryStream();
        await entity.WriteToAsync(options, stream);
        return stream.ToArray();
    }
}
