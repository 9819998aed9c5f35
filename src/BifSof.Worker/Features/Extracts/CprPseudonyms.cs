using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Common;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// The keyed pseudonym a CPR number is stored as: HMAC-SHA256 under <c>BifSof__PseudonymKey</c>. The same CPR in
/// the BIF and the SOF extract gives the same pseudonym, which is all matching needs; without the key it cannot be
/// reversed by trying the ~4 million possible CPR numbers of a birth year.
/// </summary>
public sealed class CprPseudonyms(IOptions<BifSofOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.PseudonymKey ?? throw new InvalidOperationException("BifSof:PseudonymKey is not set."));

    /// <param name="digits">The CPR as ten digits, as <see cref="ExtractValues.TryParseCpr"/> gives it.</param>
    public byte[] For(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        // Once a row: the digits' bytes on the stack, only the pseudonym itself on the heap.
        Span<byte> bytes = stackalloc byte[16];
        var length = Encoding.ASCII.GetBytes(digits.AsSpan(0, Math.Min(digits.Length, bytes.Length)), bytes);
        if (digits.Length > bytes.Length)
        {
            return HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(digits));
        }

        var pseudonym = new byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, bytes[..length], pseudonym);
        return pseudonym;
    }
}
