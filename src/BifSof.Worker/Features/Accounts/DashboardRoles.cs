namespace BifSof.Worker.Features.Accounts;

public static class DashboardRoles
{
    /// <summary>May trigger, retry and delete.</summary>
    public const string Admin = "admin";

    /// <summary>May look, not touch.</summary>
    public const string Viewer = "viewer";

    public static bool IsKnown(string role) => role is Admin or Viewer;
}
