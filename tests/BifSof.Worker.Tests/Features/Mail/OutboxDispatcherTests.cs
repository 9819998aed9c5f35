using BifSof.Worker.Features.Mail;
using MimeKit;

namespace BifSof.Worker.Tests.Features.Mail;

/// <summary>The MIME message the dispatcher sends for an outbox row (the sending itself: OutboxTests).</summary>
public class OutboxDispatcherTests
{
    private const string Png = "image/png";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Calendar = "text/calendar; charset=utf-8; method=PUBLISH";

    [Fact]
    public void ToMime_WritesTheSameEMailAsMimeKitsAttachmentCollection_WhenADigestHasAChartAWorkbookAndACalendar()
    {
        var chart = Base64AttachmentPartTests.Bytes(40_000, seed: 1);
        var workbook = Base64AttachmentPartTests.Bytes(12_000, seed: 2);
        var calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Koordinationsmøde\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var message = new OutboxMessage
        {
            BusinessKey = "digest:2010-03:centre-1",
            MessageId = "digest-2010-03-centre-1@bifsof.example.dk",
            Template = "monthly-digest",
            To = ["centre-1@bifsof.example.dk", "Centerleder <leder-1@bifsof.example.dk>"],
            Cc = ["ledelse@bifsof.example.dk"],
            Subject = "Månedlig opfølgning, marts 2010",
            HtmlBody = "<p>Fællesborgere <img src=\"cid:chart\"></p>",
            TextBody = "Fællesborgere",
            Attachments =
            {
                new() { Id = 1, FileName = "chart.png", ContentType = Png, Content = chart, ContentId = "chart" },
                new() { Id = 2, FileName = "faellesborgere.xlsx", ContentType = Xlsx, Content = workbook },
                new() { Id = 3, FileName = "moede.ics", ContentType = Calendar, Content = calendar },
            },
        };
        var settings = new SmtpOptions { From = "BifSofWorker <bifsof@bifsof.example.dk>" };

        var ours = OutboxDispatcher.ToMime(message, settings);

        // The e-mail as ToMime made it before, every attachment through MimeKit's AttachmentCollection.
        var before = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = ours.Date };
        before.From.Add(MailboxAddress.Parse(settings.From));
        before.To.AddRange(message.To.Select(MailboxAddress.Parse));
        before.Cc.AddRange(message.Cc.Select(MailboxAddress.Parse));
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        body.LinkedResources.Add("chart.png", chart, ContentType.Parse(Png)).ContentId = "chart";
        body.Attachments.Add("faellesborgere.xlsx", workbook, ContentType.Parse(Xlsx));
        body.Attachments.Add("moede.ics", calendar, ContentType.Parse(Calendar));
        before.Body = body.ToMessageBody();
        SameBoundaries(ours.Body!, before.Body);

        Assert.Equal(2, ours.BodyParts.OfType<Base64AttachmentPart>().Count());
        foreach (var dos in new[] { true, false })
        {
            foreach (var international in new[] { true, false })
            {
                var options = Base64AttachmentPartTests.Options(dos);
                options.International = international;
                Assert.Equal(Written(before, options), Written(ours, options));
            }
        }
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
