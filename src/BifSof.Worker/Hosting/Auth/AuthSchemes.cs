namespace BifSof.Worker.Hosting.Auth;

internal static class AuthSchemes
{
    /// <summary>Picks Basic when the request carries Basic credentials, the login cookie otherwise.</summary>
    public const string Dashboard = "dashboard";
    public const string Cookie = "cookie";
    public const string Basic = "basic";

    /// <summary>The authorization policy every dashboard path requires.</summary>
    public const string DashboardPolicy = "dashboard-user";
}
