using System.Security.Claims;
using System.Text.RegularExpressions;
using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Accounts;

/// <summary>Dashboard accounts: created by <c>user add</c>, checked by the login form and HTTP Basic.</summary>
public sealed partial class AccountService(BifSofDbContext db, TimeProvider clock)
{
    public const int MinimumPasswordLength = 12;

    // One fixed hash to compare against when the user does not exist, so a wrong name costs as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString()));

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
        user.PasswordHash = PasswordHasher.Hash(password);
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>The signed-in identity for a name and password, or null.</summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string? userName, string? password, string authenticationType, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = Normalize(userName);
        var user = await db.DashboardUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (!PasswordHasher.Verify(password, user?.PasswordHash ?? DecoyHash.Value) || user is null)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role)],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
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

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex UserNamePattern();
}
