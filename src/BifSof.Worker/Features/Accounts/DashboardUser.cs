namespace BifSof.Worker.Features.Accounts;

/// <summary>An account for the dashboard. The password is stored only as a salted PBKDF2 hash.</summary>
public sealed class DashboardUser
{
    public int Id { get; set; }

    public required string UserName { get; set; }

    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
