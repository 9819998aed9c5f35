using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Features.Mail;

namespace BifSof.Worker.Features.Digest;

/// <summary>One digest of a month, ready to queue or preview: to a centre (<c>centre:NAME</c>) or to management.</summary>
public sealed record DigestEmail(
    DateOnly Month,
    string Audience,
    string Template,
    DigestModel Model,
    IReadOnlyList<string> To,
    IReadOnlyList<EmailAttachment> Attachments,
    IReadOnlyList<DigestFigure> Figures)
{
    private const int LongestNameInKey = 120;

    /// <summary>The centre's name, or null for management's digest.</summary>
    public string? Centre => Audience.StartsWith(DigestRecord.CentrePrefix, StringComparison.Ordinal) ? Audience[DigestRecord.CentrePrefix.Length..] : null;

    /// <summary>The digest's business key: <c>monthly-digest:2010-03:centre:Socialcenter Amager</c>.</summary>
    public string Key => $"monthly-digest:{Month:yyyy-MM}:{KeyPart(Audience)}";

    /// <summary>
    /// A correction's key counts the recipient's earlier digests of the month and names the figures it reports, so the
    /// same change is queued once and a later change (even back to earlier figures) again.
    /// </summary>
    public string CorrectionKey(int earlier) => string.Create(CultureInfo.InvariantCulture, $"{Key}:rettelse-{earlier}:{FiguresHash()}");

    public OutgoingEmail ToOutgoing(string key, DigestModel model) => new(key, Template, model, To, Attachments: Attachments);

    private string FiguresHash()
    {
        var text = string.Join('\n', Figures.Select(f => f.Label + "=" + f.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    // A centre's name from the extract may be long; the key stays within the outbox's 400 characters.
    private static string KeyPart(string audience) =>
        audience.Length <= LongestNameInKey
            ? audience
            : DigestRecord.CentrePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(audience)))[..24];
}
