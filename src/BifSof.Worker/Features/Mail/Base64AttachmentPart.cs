using System.Buffers;
using System.Buffers.Text;
using MimeKit;
using MimeKit.IO;

namespace BifSof.Worker.Features.Mail;

// A binary attachment (a chart, a workbook) written as base64 by the runtime's encoder, in MimeKit's lines of 76
// characters ended by the line ending the write asks for. MimeKit's own path writes its base64 in LF lines and then
// passes every byte through its line-ending filter to make them CRLF for SMTP: 15 % of the samples in a profile of
// MailKit sending digests, about 7 % of its CPU saved (docs/mail.md, "Fifth pass"). The bytes are MimeKit's own
// (Base64AttachmentPartTests); the headers are MimeKit's.
internal sealed class Base64AttachmentPart : MimePart
{
    // 57 bytes make one line of 76 characters, MimeKit's; written in chunks of 64 lines from a pooled buffer.
    private const int BytesPerLine = 57;
    private const int LinesPerChunk = 64;
    private const int BytesPerChunk = BytesPerLine * LinesPerChunk;
    private const int ChunkBufferLength = LinesPerChunk * (76 + 2);

    private readonly byte[] data;
    private readonly MimeContent content;

    private Base64AttachmentPart(ContentType contentType, byte[] data)
        : base(contentType)
    {
        this.data = data;
        content = new MimeContent(new MemoryStream(data, writable: false));
        Content = content;
        ContentTransferEncoding = ContentEncoding.Base64;
    }

    // Text keeps MimeKit's path (MimeKit chooses its encoding), and so do messages and multiparts (MimeKit may parse
    // them) and empty content (MimeKit's line-ending filter can add a newline to it).
    public static bool Handles(ContentType contentType, byte[] data) =>
        data.Length > 0
        && !contentType.IsMimeType("text", "*")
        && !contentType.IsMimeType("message", "*")
        && !contentType.IsMimeType("multipart", "*");

    // The part MimeKit's AttachmentCollection.Add(fileName, data, contentType) makes, with the same headers.
    public static Base64AttachmentPart Create(string fileName, byte[] data, ContentType contentType, bool linked)
    {
        // AttachmentCollection names the part by what follows the last directory separator.
        var separator = fileName.LastIndexOf(Path.DirectorySeparatorChar);
        var name = separator > 0 ? fileName[(separator + 1)..] : fileName;
        var part = new Base64AttachmentPart(contentType, data);
        part.ContentDisposition = new ContentDisposition(linked ? ContentDisposition.Inline : ContentDisposition.Attachment)
        {
            FileName = name,
        };
        part.ContentType.Name = name;
        if (linked)
        {
            part.ContentLocation = new Uri(name, UriKind.Relative);
        }

        return part;
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!Unchanged)
        {
            base.WriteTo(options, stream, contentOnly, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly)
        {
            Headers.WriteTo(options, stream, cancellationToken);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBufferLength);
        try
        {
            for (var offset = 0; offset < data.Length; offset += BytesPerChunk)
            {
                var length = EncodeChunk(offset, options.NewLineFormat, buffer);
                if (stream is ICancellableStream cancellable)
                {
                    cancellable.Write(buffer, 0, length, cancellationToken);
                }
                else
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Write(buffer, 0, length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!Unchanged)
        {
            await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        if (!contentOnly)
        {
            await Headers.WriteToAsync(options, stream, cancellationToken);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBufferLength);
        try
        {
            for (var offset = 0; offset < data.Length; offset += BytesPerChunk)
            {
                var length = EncodeChunk(offset, options.NewLineFormat, buffer);
                await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Someone who gave the part other content or another encoding gets MimeKit's writing of it.
    private bool Unchanged => ReferenceEquals(Content, content) && ContentTransferEncoding == ContentEncoding.Base64;

    // The base64 of up to one chunk of data from offset, in lines of 76 characters, each ended by the line ending.
    private int EncodeChunk(int offset, NewLineFormat format, byte[] output)
    {
        var newLine = format == NewLineFormat.Dos ? "\r\n"u8 : "\n"u8;
        var end = Math.Min(offset + BytesPerChunk, data.Length);
        var written = 0;
        for (var start = offset; start < end; start += BytesPerLine)
        {
            var line = data.AsSpan(start, Math.Min(BytesPerLine, end - start));
            Base64.EncodeToUtf8(line, output.AsSpan(written), out _, out var encoded);
            written += encoded;
            newLine.CopyTo(output.AsSpan(written));
            written += newLine.Length;
        }

        return written;
    }
}
