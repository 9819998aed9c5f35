using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with its current parameters, in its versioned
/// format), which also accepts the worker's earlier hashes and asks for them to be replaced. A stored value that is
/// neither, corrupt or empty, is a wrong password, never an exception.
/// </summary>
public sealed class DashboardPasswordHasher : IPasswordHasher<DashboardUser>
{
    private readonly PasswordHasher<DashboardUser> _identity = new();

    public string HashPassword(DashboardUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _identity.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(DashboardUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(providedPassword);
        if (string.IsNullOrEmpty(hashedPassword))
        {
            return PasswordVerificationResult.Failed;
        }

        if (LegacyPasswordHash.IsLegacy(hashedPassword))
        {
            return LegacyPasswordHash.Verify(providedPassword, hashedPassword)
                ? PasswordVerificationResult.SuccessRehashNeeded
                : PasswordVerificationResult.Failed;
        }

        if (AsksForTooMuchWork(hashedPassword))
        {
            return PasswordVerificationResult.Failed;
        }

        try
        {
            return _identity.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
        {
            // Not base64, or a header Identity cannot read (iteration count, salt size): corrupt, so not this password.
            return PasswordVerificationResult.Failed;
        }
    }

    // Identity's version 3 format: 0x01, PRF, iteration count, salt length (big-endian 32-bit each), salt, subkey.
    // A corrupt count in the billions would hold a login for minutes; no hash we wrote asks for more than this.
    private const uint MaxIterations = 10_000_000;

    private static bool AsksForTooMuchWork(string hashedPassword)
    {
        Span<byte> header = stackalloc byte[9];
        // The first 12 base64 characters hold those 9 bytes; anything shorter or not base64 is left to Identity's own checks.
        return hashedPassword.Length >= 12
            && Convert.TryFromBase64Chars(hashedPassword.AsSpan(0, 12), header, out var written)
            && written == 9
            && header[0] == 0x01
            && BinaryPrimitives.ReadUInt32BigEndian(header[5..]) > MaxIterations;
    }
}
