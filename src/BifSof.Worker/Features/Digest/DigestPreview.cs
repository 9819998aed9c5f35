using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Renders a month's digests to files without queueing anything, for admins who edit the templates (the verb
/// <c>digest preview YYYY-MM [--centre NAME] --out DIR</c>). The templates are read from disk on every call, so an edit
/// shows at once, without a rebuild or a restart. Per digest it writes <c>NAME.eml</c> (the whole message as it would be
/// sent: both bodies, the inline chart, the workbook) and <c>NAME.html</c> (the HTML body with the chart embedded, for
/// a browser).
/// </summary>
public sealed class DigestPreview(DigestQueries queries, IOptions<BifSofOptions> options, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    /// <param name="centre">Only this centre's digest (its name exactly as in the extract); null for every digest.</param>
    /// <returns>The files written, in the order written.</returns>
    /// <exception cref="DigestInputException">The month has no computed KPIs, or no digest goes to that centre.</exception>
    public async Task<IReadOnlyList<string>> WriteAsync(DateOnly month, string? centre, string outDir, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var templates = new MailTemplates(options.Value.TemplatesPath, new DemoBanner(options, clock));
        var label = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // As the job would send it: on the first day after the month, unless that day is still to come.
        var first = new DateOnly(month.Year, month.Month, 1);
        var today = Copenhagen.Today(clock);
        var asOf = today > first.AddMonths(1) ? first.AddMonths(1) : today;
        var data = await queries.LoadAsync(first, asOf, cancellationToken)
            ?? throw new DigestInputException($"{label} har ingen beregnede nøgletal: indlæs begge udtræk for måneden først.");
        var emails = DigestComposer.Compose(data);
        if (centre is not null)
        {
            emails = emails.Where(e => string.Equals(e.Centre, centre, StringComparison.Ordinal)).ToList();
            if (emails.Count == 0)
            {
                throw new DigestInputException(
                    $"Ingen opfølgning for centret '{centre}' i {label}. Centre med fællesborgere: {string.Join(", ", data.Centres.Where(c => c.SharedCitizens > 0).Select(c => c.Centre))}.");
            }
        }

        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        foreach (var email in emails)
        {
            var rendered = templates.Render(email.Template, email.Model);
            var name = Path.Combine(outDir, $"{label}-{Slug(email.Centre ?? "ledelsen")}");
            var message = new OutboxMessage
            {
                BusinessKey = email.Key,
                MessageId = Outbox.MessageIdFor(email.Key, "preview.invalid"),
                Template = email.Template,
                To = [.. email.To],
                Subject = rendered.Subject,
                HtmlBody = rendered.Html,
                TextBody = rendered.Text,
            };
            message.Attachments.AddRange(email.Attachments.Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content, ContentId = a.ContentId }));
            await using (var eml = File.Create(name + ".eml"))
            {
                await OutboxDispatcher.ToMime(message, smtp.Value).WriteToAsync(FormatOptions.Default, eml, cancellationToken);
            }

            written.Add(name + ".eml");
            await File.WriteAllTextAsync(name + ".html", InlinePictures(rendered.Html, email.Attachments), new UTF8Encoding(false), cancellationToken);
            written.Add(name + ".html");
        }

        return written;
    }

    /// <summary>A browser opens no <c>cid:</c> links: the pictures go into the file itself.</summary>
    private static string InlinePictures(string html, IEnumerable<EmailAttachment> attachments) =>
        attachments.Where(a => a.ContentId is not null).Aggregate(html, (page, picture) =>
            page.Replace("cid:" + picture.ContentId, $"data:{picture.ContentType};base64,{Convert.ToBase64String(picture.Content)}", StringComparison.Ordinal));

    /// <summary>A file name from a centre's name: <c>Rådgivningscenter København</c> gives <c>raadgivningscenter-koebenhavn</c>.</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            slug.Append(c switch
            {
                'æ' => "ae",
                'ø' => "oe",
                'å' => "aa",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        var text = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? "center" : text[..Math.Min(text.Length, 80)];
    }
}
