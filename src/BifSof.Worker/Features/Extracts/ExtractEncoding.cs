using System.Security.Cryptography;
using System.Text;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// The encoding rule of the extract contract: a BOM means UTF-8; otherwise bytes that are not valid UTF-8 mean
/// Windows-1252 (common in Danish public-sector exports). One streaming pass decides it and hashes the file.
/// </summary>
public static class ExtractEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ExtractEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// The file's encoding and SHA-256, read in one pass with constant memory. The encoding is null for a file that
    /// starts with a UTF-8 BOM but holds bytes that are not UTF-8: decoding it would silently replace letters.
    /// </summary>
    public static async Task<(Encoding? Encoding, string Name, byte[] Sha256)> DetectAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        var validUtf8 = true;
        var first = true;
        var bom = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (first)
            {
                bom = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF;
                first = false;
            }

            if (validUtf8)
            {
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }
        }

        if (validUtf8)
        {
            try
            {
                decoder.GetChars([], 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException)
            {
                validUtf8 = false;
            }
        }

        return bom ? (validUtf8 ? new UTF8Encoding(true) : null, "utf-8-bom", hash.GetHashAndReset())
            : validUtf8 ? (new UTF8Encoding(false), "utf-8", hash.GetHashAndReset())
            : (Windows1252, "windows-1252", hash.GetHashAndReset());
    }
}
