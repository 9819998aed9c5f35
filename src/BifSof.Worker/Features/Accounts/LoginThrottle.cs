using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// Guards the password check against guessing and against load, in this process: an account is locked for
/// <see cref="Window"/> after <see cref="AccountThreshold"/> wrong passwords within it, an address is refused after
/// <see cref="AddressThreshold"/> failed sign-ins within it, and a credential verified less than
/// <see cref="CredentialLifetime"/> ago (HTTP Basic sends it with every request) is accepted without hashing it again,
/// as long as the stored hash is the one it was verified against. Nothing here is stored: a restart forgets it.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int AccountThreshold = 5;
    public const int AddressThreshold = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CredentialLifetime = TimeSpan.FromMinutes(1);

    // Beyond this many tracked names or addresses, the expired ones are dropped: memory stays bounded.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    // Verified passwords are remembered only as a keyed hash whose key never leaves this process.
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>True while the account is locked or the address has failed too often: no password is checked.</summary>
    public bool IsBlocked(string account, string? address)
    {
        var now = clock.GetUtcNow();
        return (_accounts.TryGetValue(account, out var a) && a.IsBlocked(now, AccountThreshold))
            || (address is not null && _addresses.TryGetValue(address, out var b) && b.IsBlocked(now, AddressThreshold));
    }

    /// <summary>Counts a failed sign-in; <paramref name="account"/> is null for an unknown name. True when this failure locked the account.</summary>
    public bool RecordFailure(string? account, string? address)
    {
        var now = clock.GetUtcNow();
        if (address is not null)
        {
            Prune(_addresses, now);
            _addresses.GetOrAdd(address, _ => new Failures()).Add(now, AddressThreshold);
        }

        if (account is null)
        {
            return false;
        }

        _verified.TryRemove(account, out _);
        Prune(_accounts, now);
        return _accounts.GetOrAdd(account, _ => new Failures()).Add(now, AccountThreshold);
    }

    /// <summary>A correct password ends the account's run of failures.</summary>
    public void RecordSuccess(string account) => _accounts.TryRemove(account, out _);

    /// <summary>True when this password was verified against this stored hash less than <see cref="CredentialLifetime"/> ago.</summary>
    public bool IsVerified(string account, string password, string storedHash) =>
        _verified.TryGetValue(account, out var verified)
        && verified.Until > clock.GetUtcNow()
        && string.Equals(verified.StoredHash, storedHash, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(verified.Password, Mac(password));

    public void Remember(string account, string password, string storedHash)
    {
        if (_verified.Count > PruneAbove)
        {
            _verified.Clear();
        }

        _verified[account] = new Verified(Mac(password), storedHash, clock.GetUtcNow() + CredentialLifetime);
    }

    private byte[] Mac(string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));

    private static void Prune(ConcurrentDictionary<string, Failures> failures, DateTimeOffset now)
    {
        if (failures.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, value) in failures)
        {
            if (value.HasExpired(now))
            {
                failures.TryRemove(key, out _);
            }
        }
    }

    private sealed record Verified(byte[] Password, string StoredHash, DateTimeOffset Until);

    /// <summary>Failures within one window from the first; at the threshold, blocked until the window after it ends.</summary>
    private sealed class Failures
    {
        private readonly Lock _lock = new();
        private int _count;
        private DateTimeOffset _first;
        private DateTimeOffset? _blockedUntil;

        public bool IsBlocked(DateTimeOffset now, int threshold)
        {
            lock (_lock)
            {
                Expire(now);
                return _blockedUntil is not null || _count >= threshold;
            }
        }

        public bool HasExpired(DateTimeOffset now)
        {
            lock (_lock)
            {
                Expire(now);
                return _count == 0 && _blockedUntil is null;
            }
        }

        /// <summary>Counts one failure; true when it is the one that blocks.</summary>
        public bool Add(DateTimeOffset now, int threshold)
        {
            lock (_lock)
            {
                Expire(now);
                if (_count == 0)
                {
                    _first = now;
                }

                _count++;
                if (_count == threshold && _blockedUntil is null)
                {
                    _blockedUntil = now + Window;
                    return true;
                }

                return false;
            }
        }

        private void Expire(DateTimeOffset now)
        {
            if (_blockedUntil is { } until && now >= until)
            {
                (_blockedUntil, _count) = (null, 0);
            }
            else if (_blockedUntil is null && _count > 0 && now - _first >= Window)
            {
                _count = 0;
            }
        }
    }
}
