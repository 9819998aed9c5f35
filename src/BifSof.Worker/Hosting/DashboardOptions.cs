namespace BifSof.Worker.Hosting;

/// <summary>The guarded Hangfire dashboard, section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long a login lasts, in hours (1–24). Default 8.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>Send the login cookie over HTTPS only. Turn on wherever the dashboard is served over TLS.</summary>
    public bool RequireHttps { get; set; }
}
