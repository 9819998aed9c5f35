using BifSof.Worker.Features.Accounts;
using Hangfire.Dashboard;

namespace BifSof.Worker.Hosting.Dashboard;

/// <summary>
/// Hangfire's own gate, behind the endpoint's authorization policy: only a signed-in admin or viewer gets in,
/// whatever the endpoint routing in front of it says.
/// </summary>
internal sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && (user.IsInRole(DashboardRoles.Admin) || user.IsInRole(DashboardRoles.Viewer));
    }
}
