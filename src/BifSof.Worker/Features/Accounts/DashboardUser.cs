namespace BifSof.Worker.Features.Accounts;

/// <summary>An account for the dashboard. The password is stored only as a hash (ASP.NET Core Identity's PBKDF2 format).</summary>
public sealed class DashboardUser
{
    public int Id { get; set; }

    public required string UserName { get; set; }

    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last change of role or password; a session signed in before it has ended.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
