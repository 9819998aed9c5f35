using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// The limits of the password check (counted in PostgreSQL by <see cref="LoginFailures"/>, shared by every worker), and
/// this process's memory of credentials it verified: a credential verified less than <see cref="CredentialLifetime"/>
/// ago (HTTP Basic sends it with every request) is accepted without hashing it again, as long as the stored hash is
/// the one it was verified against and no wrong password for the account came in since. A restart forgets that memory.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    /// <summary>Wrong passwords for one account from one address within <see cref="Window"/> that lock the pair.</summary>
    public const int AccountThreshold = 5;

    /// <summary>Failed sign-ins from one address within <see cref="Window"/>, any names, after which it is refused.</summary>
    public const int AddressThreshold = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CredentialLifetime = TimeSpan.FromMinutes(1);

    // Beyond this many remembered credentials, all are forgotten: memory stays bounded.
    private const int ForgetAbove = 10_000;

    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    // Verified passwords are remembered only as a keyed hash whose key never leaves this process.
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>True when this password was verified against this stored hash less than <see cref="CredentialLifetime"/> ago.</summary>
    public bool IsVerified(string account, string password, string storedHash) =>
        _verified.TryGetValue(account, out var verified)
        && verified.Until > clock.GetUtcNow()
        && string.Equals(verified.StoredHash, storedHash, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(verified.Password, Mac(password));

    public void Remember(string account, string password, string storedHash)
    {
        if (_verified.Count > ForgetAbove)
        {
            _verified.Clear();
        }

        _verified[account] = new Verified(Mac(password), storedHash, clock.GetUtcNow() + CredentialLifetime);
    }

    /// <summary>A wrong password for the account: the next right one is hashed again.</summary>
    public void Forget(string account) => _verified.TryRemove(account, out _);

    private byte[] Mac(string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));

    private sealed record Verified(byte[] Password, string StoredHash, DateTimeOffset Until);
}
