using System.Runtime.CompilerServices;
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

    // One keyed HMAC per thread, reused row after row: the one-shot HMACSHA256.HashData sets the key up again on every
    // call, which took more than half of the hashing time of an import. Kept per thread with the instance it belongs to
    // (tests make instances with other keys), replaced when another instance hashes on that thread.
    [ThreadStatic]
    private static Keyed? t_hmac;

    private sealed record Keyed(CprPseudonyms Owner, IncrementalHash Hmac);

    /// <param name="digits">The CPR as ten digits, as <see cref="ExtractValues.TryParseCpr"/> gives it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        if (t_hmac is not { } keyed || !ReferenceEquals(keyed.Owner, this))
        {
            t_hmac?.Hmac.Dispose();
            keyed = t_hmac = new Keyed(this, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
        }

        var hmac = keyed.Hmac;
        hmac.AppendData(bytes[..length]);
        hmac.GetHashAndReset(pseudonym);
        return pseudonym;
    }
}
