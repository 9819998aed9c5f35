using Hangfire.Dashboard;

namespace BifSof.Worker.Common.Dashboard;

internal static class DashboardContextExtensions
{
    /// <summary>The request's DI scope, for pages and commands that read the worker's own tables.</summary>
    public static IServiceProvider Services(this DashboardContext context) => context.GetHttpContext().RequestServices;

    public static string UserName(this DashboardContext context) => context.GetHttpContext().User.Identity?.Name ?? "?";
}
