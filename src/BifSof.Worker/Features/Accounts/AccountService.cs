using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using BifSof.Worker.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Accounts;

/// <summary>
/// Dashboard accounts: created, listed and removed by the <c>user</c> verbs, checked by the login form and HTTP Basic.
/// A signed-in session carries the account's version (its last change); a change of role or password, or removing the
/// account, ends every session that carries an older one. Sign-in is throttled (<see cref="LoginFailures"/>, in
/// PostgreSQL): an unknown name costs no password hash, a locked account or a guessing address none either.
/// </summary>
public sealed partial class AccountService(
    BifSofDbContext db,
    TimeProvider clock,
    LoginThrottle throttle,
    LoginFailures failures,
    IPasswordHasher<DashboardUser> hasher,
    ILogger<AccountService> logger)
{
    public const int MinimumPasswordLength = 12;

    /// <summary>The claim that holds the version of the account a session was signed in with.</summary>
    public const string VersionClaim = "bifsof:account-version";

    /// <summary>Creates the account or, when the name exists, sets its role and password. Returns true when created.</summary>
    public async Task<bool> AddOrUpdateAsync(string userName, string role, string password, CancellationToken cancellationToken)
    {
        var problem = Check(userName, role, password);
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        var normalized = Normalize(userName);
        var now = clock.GetUtcNow();
        var user = await db.DashboardUsers.SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        var created = user is null;
        if (user is null)
        {
            user = new DashboardUser { UserName = normalized, Role = role, PasswordHash = string.Empty, CreatedAt = now };
            db.DashboardUsers.Add(user);
        }

        user.Role = role;
        user.PasswordHash = hasher.HashPassword(user, password);
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Every account, by name.</summary>
    public Task<List<DashboardUser>> ListAsync(CancellationToken cancellationToken) =>
        db.DashboardUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    /// <summary>Removes the account; its sessions end with their next request. False when there is no such account.</summary>
    public async Task<bool> RemoveAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var normalized = Normalize(userName);
        return await db.DashboardUsers.Where(u => u.UserName == normalized).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// The signed-in identity for a name and password, or null. A password stored in an older format is hashed again
    /// in today's; a stored hash that cannot be read is a failed login.
    /// </summary>
    public Task<ClaimsPrincipal?> SignInAsync(string? userName, string? password, string authenticationType, CancellationToken cancellationToken) =>
        SignInAsync(userName, password, authenticationType, address: null, cancellationToken);

    /// <summary>
    /// As above, from a client <paramref name="address"/> (throttled per account and address, and per address; see
    /// <see cref="LoginFailures"/>). An unknown name is refused without hashing: against guessing names the address
    /// throttle stands, not a decoy hash whose cost anyone could make the worker pay.
    /// </summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string? userName, string? password, string authenticationType, string? address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = Normalize(userName);
        var from = address ?? "-";
        var logged = ForLog(normalized);
        var user = await db.DashboardUsers.SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);

        // A credential this process verified a moment ago (HTTP Basic repeats it with every request) costs no hash and
        // no count; any wrong password for the account since has made it forgotten.
        if (user is not null && throttle.IsVerified(normalized, password, user.PasswordHash))
        {
            return Principal(user, authenticationType);
        }

        // Counted before the check, atomically: parallel guesses get no more checks than the threshold allows.
        if (!await failures.BeginAsync(user?.UserName, address, cancellationToken))
        {
            AccountLog.SignInThrottled(logger, logged, from);
            if (await failures.FailedAsync(user?.UserName, address, cancellationToken))
            {
                // Parallel guesses: the one refused here counted after the threshold before any of them was checked.
                AccountLog.LockedOut(logger, logged, (int)LoginThrottle.Window.TotalMinutes, LoginThrottle.AccountThreshold, from);
            }

            return null;
        }

        if (user is null)
        {
            AccountLog.SignInFailed(logger, logged, from, authenticationType);
            await failures.FailedAsync(null, address, cancellationToken);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            throttle.Forget(normalized);
            AccountLog.SignInFailed(logger, logged, from, authenticationType);
            if (await failures.FailedAsync(normalized, address, cancellationToken))
            {
                AccountLog.LockedOut(logger, logged, (int)LoginThrottle.Window.TotalMinutes, LoginThrottle.AccountThreshold, from);
            }

            return null;
        }

        await failures.SucceededAsync(normalized, address, cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Not a change of the account: its version (UpdatedAt) and so its other sessions stay as they are.
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        throttle.Remember(normalized, password, user.PasswordHash);
        return Principal(user, authenticationType);
    }

    /// <summary>Ends the account's lock and failure counts from every address (<c>user unlock</c>). False when there is no such account.</summary>
    public async Task<bool> UnlockAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = Normalize(userName);
        if (!await db.DashboardUsers.AnyAsync(u => u.UserName == normalized, cancellationToken))
        {
            return false;
        }

        var addresses = await failures.UnlockAsync(normalized, cancellationToken);
        AccountLog.Unlocked(logger, normalized, addresses);
        return true;
    }

    private static ClaimsPrincipal Principal(DashboardUser user, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role), new Claim(VersionClaim, Version(user))],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));

    /// <summary>Whether a signed-in session still stands: its account exists and has not changed since the sign-in.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var version = principal.FindFirstValue(VersionClaim);
        if (name is null || version is null)
        {
            return false;
        }

        var user = await db.DashboardUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        return user is not null && string.Equals(Version(user), version, StringComparison.Ordinal);
    }

    /// <summary>What is wrong with the input, in one sentence, or null.</summary>
    public static string? Check(string userName, string role, string password)
    {
        if (string.IsNullOrWhiteSpace(userName) || !UserNamePattern().IsMatch(userName))
        {
            return $"user name '{userName}' is not allowed: use 2–64 letters, digits, '.', '_' or '-'.";
        }

        if (!DashboardRoles.IsKnown(role))
        {
            return $"role '{role}' is unknown: use 'admin' or 'viewer'.";
        }

        return string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength
            ? $"the password must have at least {MinimumPasswordLength} characters."
            : null;
    }

    /// <summary>The name as it is stored: trimmed, lower case.</summary>
    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Trim().ToLowerInvariant();
    }

    // PostgreSQL keeps microseconds; the version is read back from the row both at sign-in and when checked.
    private static string Version(DashboardUser user) => user.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex UserNamePattern();

    /// <summary>
    /// A typed user name as a log line may show it: people type their CPR number into a login form, so a name with six
    /// or more digits in it has every digit hidden (its birth date and its sequence number alike).
    /// </summary>
    internal static string ForLog(string userName) =>
        userName.Count(char.IsAsciiDigit) >= 6 ? string.Concat(userName.Select(c => char.IsAsciiDigit(c) ? '*' : c)) : userName;
}
