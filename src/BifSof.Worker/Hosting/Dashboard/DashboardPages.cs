using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using Hangfire.Dashboard;

namespace BifSof.Worker.Hosting.Dashboard;

/// <summary>The worker's own pages in the Hangfire dashboard menu. Registered once per process.</summary>
internal static class DashboardPages
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        KpisPage.Register();
        Features.Jobs.JobsPage.Register();
        ImportsPage.Register();
        MilestonesPage.Register();
        OutboxPage.Register();
        // Last in the menu: the way out. Hangfire's own "Back to site" link is switched off.
        NavigationMenu.Items.Add(_ => new MenuItem("Log ud", "/logout"));
    }

    /// <summary>A menu item that is highlighted on its own page.</summary>
    public static void AddMenuItem(string text, string path) =>
        NavigationMenu.Items.Add(page => new MenuItem(text, page.Url.To(path))
        {
            Active = page.RequestPath.StartsWith(path, StringComparison.Ordinal),
        });
}
