using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// The hashes the worker wrote before it used ASP.NET Core Identity's hasher: salted PBKDF2-SHA256, stored as
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64). They are only verified, never written; the next successful
/// login replaces one with Identity's format.
/// </summary>
internal static class LegacyPasswordHash
{
    public const string Prefix = "pbkdf2-sha256$";

    // Far above the 210,000 we wrote: a stored value asking for more is not ours and must not tie up a request.
    private const int MaxIterations = 10_000_000;

    public static bool IsLegacy(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether the password matches; false for a value that is not a well-formed legacy hash.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength == 0
            || !Convert.TryFromBase64String(parts[3], expected, out var hashLength) || hashLength == 0)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt.AsSpan(0, saltLength), iterations, HashAlgorithmName.SHA256, hashLength);
        return CryptographicOperations.FixedTimeEquals(actual, expected.AsSpan(0, hashLength));
    }
}
