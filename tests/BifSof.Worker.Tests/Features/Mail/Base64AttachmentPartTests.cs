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
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static TheoryData<int, bool, bool> Sizes()
    {
        var data = new TheoryData<int, bool, bool>();
        // Empty, under one line, the line's edges (57 bytes = 76 characters), base64's padding cases, a chart's size.
        foreach (var size in new[] { 0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 1000, 40_001 })
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
        var content = Bytes(size, seed: size);
        var options = Options(dos);
        var builder = new BodyBuilder();
        var mimeKits = (linked ? builder.LinkedResources : builder.Attachments).Add("chart.png", content, ContentType.Parse(Png));
        var ours = Base64AttachmentPart.Create("chart.png", content, ContentType.Parse(Png), linked);

        Assert.Equal(Written(mimeKits, options), Written(ours, options));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteToAsync_WritesWhatWriteToWrites(bool dos)
    {
        var part = Base64AttachmentPart.Create("faellesborgere.xlsx", Bytes(12_000, seed: 7), ContentType.Parse(Xlsx), linked: false);
        using var stream = new MemoryStream();

        await part.WriteToAsync(Options(dos), stream);

        Assert.Equal(Written(part, Options(dos)), stream.ToArray());
    }

    [Fact]
    public void ToMime_WritesTheE_MailMimeKitsOwnPathWrote_WithAnInlineChartAWorkbookAndACalendar()
    {
        var chart = Bytes(40_000, seed: 1);
        var workbook = Bytes(12_000, seed: 2);
        var calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Koordinationsmøde\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var message = new OutboxMessage
        {
            BusinessKey = "digest:2010-03:centre-1",
            MessageId = "digest-2010-03-centre-1@bifsof.example.dk",
            Template = "monthly-digest",
            To = ["centre-1@bifsof.example.dk"],
            Subject = "Månedlig opfølgning, marts 2010",
            HtmlBody = "<p>Fællesborgere <img src=\"cid:chart\"></p>",
            TextBody = "Fællesborgere",
            Attachments =
            {
                new() { Id = 1, FileName = "chart.png", ContentType = Png, Content = chart, ContentId = "chart" },
                new() { Id = 2, FileName = "faellesborgere.xlsx", ContentType = Xlsx, Content = workbook },
                new() { Id = 3, FileName = "moede.ics", ContentType = "text/calendar; charset=utf-8; method=PUBLISH", Content = calendar },
            },
        };
        var settings = new SmtpOptions { From = "BifSofWorker <bifsof@bifsof.example.dk>" };

        var ours = OutboxDispatcher.ToMime(message, settings);

        // The same e-mail as ToMime made it before, every attachment through MimeKit's AttachmentCollection.
        var before = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = ours.Date };
        before.From.Add(MailboxAddress.Parse(settings.From));
        before.To.Add(MailboxAddress.Parse(message.To[0]));
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        body.LinkedResources.Add("chart.png", chart, ContentType.Parse(Png)).ContentId = "chart";
        body.Attachments.Add("faellesborgere.xlsx", workbook, ContentType.Parse(Xlsx));
        body.Attachments.Add("moede.ics", calendar, ContentType.Parse("text/calendar; charset=utf-8; method=PUBLISH"));
        before.Body = body.ToMessageBody();
        SameBoundaries(ours.Body!, before.Body);

        Assert.Equal(2, ours.BodyParts.OfType<Base64AttachmentPart>().Count());
        foreach (var dos in new[] { true, false })
        {
            Assert.Equal(Written(before, Options(dos)), Written(ours, Options(dos)));
        }
    }

    private static FormatOptions Options(bool dos)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = dos ? NewLineFormat.Dos : NewLineFormat.Unix;
        return options;
    }

    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Written(MimeEntity entity, FormatOptions options)
    {
        using var stream = new MemoryStream();
        entity.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static byte[] Written(MimeMessage message, FormatOptions options)
    {
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    // Multiparts draw random boundaries: give both trees the same, in the same order.
    private static void SameBoundaries(MimeEntity ours, MimeEntity before)
    {
        if (ours is Multipart a && before is Multipart b)
        {
            Assert.Equal(b.Count, a.Count);
            a.Boundary = b.Boundary = $"=-boundary-{a.ContentType.MediaSubtype}";
            for (var i = 0; i < a.Count; i++)
            {
                SameBoundaries(a[i], b[i]);
            }
        }
    }
}
