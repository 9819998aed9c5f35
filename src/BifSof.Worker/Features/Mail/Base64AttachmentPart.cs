using System.Buffers.Text;
using MimeKit;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// A binary attachment (a chart, a workbook) whose base64 is made once by the runtime's vectorised encoder, in lines
/// of 76 characters as MimeKit makes them, and written as it is. MimeKit's own path encodes the bytes one by one and
/// then passes every byte through its line-ending filter again (to CRLF for SMTP): a profile of MailKit sending digests
/// found 17 % of its CPU there (docs/mail.md, "Fifth pass"). The bytes written are MimeKit's own, in both line-ending
/// formats (<c>Base64AttachmentPartTests</c>); the headers are written by MimeKit, and <see cref="MimePart.Content"/>
/// holds the data for anyone who reads the part back.
/// </summary>
internal sealed class Base64AttachmentPart : MimePart
{
    // 57 bytes make 76 characters of base64: MimeKit's line length for base64.
    private const int BytesPerLine = 57;

    private readonly byte[] data;
    private byte[]? dos;
    private byte[]? unix;

    private Base64AttachmentPart(ContentType contentType, byte[] data)
        : base(contentType)
    {
        this.data = data;
        Content = new MimeContent(new MemoryStream(data, writable: false));
        ContentTransferEncoding = ContentEncoding.Base64;
    }

    /// <summary>
    /// Whether MimeKit would send this content type in base64 as a file: text (MimeKit picks its best encoding) and
    /// whole messages (MimeKit parses them) keep MimeKit's own path.
    /// </summary>
    public static bool Handles(ContentType contentType) =>
        !contentType.IsMimeType("text", "*") && !contentType.IsMimeType("message", "*") && !contentType.IsMimeType("multipart", "*");

    /// <summary>
    /// The part <see cref="AttachmentCollection.Add(string, byte[], ContentType)"/> makes, with the same headers:
    /// Content-Type with name, Content-Disposition (attachment, or inline for a linked resource) with filename, and a
    /// linked resource's Content-Location.
    /// </summary>
    public static Base64AttachmentPart Create(string fileName, byte[] data, ContentType contentType, bool linked)
    {
        var part = new Base64AttachmentPart(contentType, data);
        part.ContentDisposition = new ContentDisposition(linked ? ContentDisposition.Inline : ContentDisposition.Attachment)
        {
            FileName = fileName,
        };
        part.ContentType.Name = fileName;
        if (linked)
        {
            part.ContentLocation = new Uri(fileName, UriKind.Relative);
        }

        return part;
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly)
        {
            Headers.WriteTo(options, stream, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        stream.Write(Encoded(options.NewLineFormat));
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly)
        {
            await Headers.WriteToAsync(options, stream, cancellationToken);
        }

        await stream.WriteAsync(Encoded(options.NewLineFormat), cancellationToken);
    }

    private byte[] Encoded(NewLineFormat format) => format == NewLineFormat.Dos
        ? dos ??= Encode(data, "\r\n"u8)
        : unix ??= Encode(data, "\n"u8);

    /// <summary>Base64 in lines of 76 characters, each ended by <paramref name="newLine"/>, the last one too.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> newLine)
    {
        var lines = (data.Length + BytesPerLine - 1) / BytesPerLine;
        var output = new byte[Base64.GetMaxEncodedToUtf8Length(data.Length) + lines * newLine.Length];
        var written = 0;
        for (var offset = 0; offset < data.Length; offset += BytesPerLine)
        {
            var line = data.Slice(offset, Math.Min(BytesPerLine, data.Length - offset));
            Base64.EncodeToUtf8(line, output.AsSpan(written), out _, out var encoded);
            written += encoded;
            newLine.CopyTo(output.AsSpan(written));
            written += newLine.Length;
        }

        return output;
    }
}
