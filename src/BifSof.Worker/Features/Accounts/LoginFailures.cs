using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// Failed sign-ins, counted in PostgreSQL (<c>bifsof.login_failures</c>) so that every worker on the database shares
/// one count. Two counts per attempt: the account from the client's address (locked after
/// <see cref="LoginThrottle.AccountThreshold"/> wrong passwords: a guesser locks the account for its own address only,
/// not for everyone), and the address alone, any names (refused after <see cref="LoginThrottle.AddressThreshold"/>).
/// An attempt is counted before its password is checked, in one atomic upsert per count, so a burst of parallel
/// guesses gets no more checks than the threshold; a right password takes its count back.
/// </summary>
public sealed class LoginFailures(BifSofDbContext db, TimeProvider clock)
{
    // The address's own row; no account name is empty (docs: 2–64 characters).
    private const string AnyAccount = "";

    // When the client's address is unknown (the CLI, a test): the account's row, without an address row.
    private const string NoAddress = "";

    /// <summary>
    /// Counts the attempt, before its password is checked; true when it may be checked. <paramref name="account"/> is
    /// null for an unknown name (only the address counts).
    /// </summary>
    public async Task<bool> BeginAsync(string? account, string? address, CancellationToken cancellationToken)
    {
        var allowed = true;
        if (address is not null)
        {
            allowed &= await CountAsync(AnyAccount, address, LoginThrottle.AddressThreshold, cancellationToken);
        }

        if (account is not null)
        {
            allowed &= await CountAsync(account, address ?? NoAddress, LoginThrottle.AccountThreshold, cancellationToken);
        }

        return allowed;
    }

    /// <summary>The attempt's password was wrong (or the name unknown); true when this failure locked the account for the address.</summary>
    public async Task<bool> FailedAsync(string? account, string? address, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + LoginThrottle.Window;
        if (address is not null)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE bifsof.login_failures SET blocked_until = {until}
                WHERE account = '' AND address = {address} AND blocked_until IS NULL AND failures >= {LoginThrottle.AddressThreshold}
                """,
                cancellationToken);
        }

        if (account is null)
        {
            return false;
        }

        var accountAddress = address ?? NoAddress;
        return await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE bifsof.login_failures SET blocked_until = {until}
            WHERE account = {account} AND address = {accountAddress} AND blocked_until IS NULL AND failures >= {LoginThrottle.AccountThreshold}
            """,
            cancellationToken) > 0;
    }

    /// <summary>The right password: the account's run of failures from the address ends, and the address's count takes the attempt back.</summary>
    public async Task SucceededAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var accountAddress = address ?? NoAddress;
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM bifsof.login_failures WHERE account = {account} AND address = {accountAddress}",
            cancellationToken);
        if (address is not null)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE bifsof.login_failures SET failures = greatest(failures - 1, 0) WHERE account = '' AND address = {address} AND blocked_until IS NULL",
                cancellationToken);
        }
    }

    /// <summary>Ends every lock and count of the account, from every address (<c>user unlock</c>). Returns the number of addresses it was counted from.</summary>
    public Task<int> UnlockAsync(string account, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM bifsof.login_failures WHERE account = {account}", cancellationToken);

    /// <summary>
    /// One atomic upsert: a count whose window (or lock) has ended starts again at this attempt. True when the
    /// attempt is within the threshold and the row is not locked.
    /// </summary>
    private async Task<bool> CountAsync(string account, string address, int threshold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = now - LoginThrottle.Window;
        var rows = await db.Database.SqlQuery<Count>(
            $"""
            INSERT INTO bifsof.login_failures AS f (account, address, failures, window_start, blocked_until)
            VALUES ({account}, {address}, 1, {now}, NULL)
            ON CONFLICT (account, address) DO UPDATE SET
                failures = CASE WHEN f.blocked_until <= {now} OR (f.blocked_until IS NULL AND f.window_start <= {windowStart}) THEN 1 ELSE f.failures + 1 END,
                window_start = CASE WHEN f.blocked_until <= {now} OR (f.blocked_until IS NULL AND f.window_start <= {windowStart}) THEN {now} ELSE f.window_start END,
                blocked_until = CASE WHEN f.blocked_until <= {now} THEN NULL ELSE f.blocked_until END
            RETURNING f.failures, f.blocked_until
            """).ToListAsync(cancellationToken); // columns named as the model's snake_case convention reads them
        var count = rows.Single();
        return count.BlockedUntil is null && count.Failures <= threshold;
    }

    private sealed class Count
    {
        public int Failures { get; init; }

        public DateTimeOffset? BlockedUntil { get; init; }
    }
}
