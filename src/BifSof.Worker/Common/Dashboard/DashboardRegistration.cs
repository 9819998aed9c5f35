using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>
/// How a feature adds its dashboard pages, commands and downloads, from its <c>AddXxx</c>. Hangfire keeps its routes
/// and menu in process-wide lists, so each path is added there once per process, whichever host adds it first; what a
/// request does is resolved from that request's own services.
/// </summary>
public static class DashboardRegistration
{
    private static readonly HashSet<string> Registered = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>A page in the menu at <paramref name="path"/>, rendered from <c>TPage.html.sbn</c>.</summary>
    public static IHostApplicationBuilder AddDashboardPage<TPage>(this IHostApplicationBuilder builder, string path, string title)
        where TPage : class, IDashboardPage
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TPage>();
        Once(path, () =>
        {
            DashboardRoutes.Routes.Add(path, new DashboardPageDispatcher(typeof(TPage), path, title));
            NavigationMenu.Items.Add(page => new MenuItem(title, page.Url.To(path))
            {
                Active = page.RequestPath.StartsWith(path, StringComparison.Ordinal),
            });
        });
        return builder;
    }

    /// <summary>An admin action (POST) at a path pattern; the command says whether it did anything.</summary>
    public static IHostApplicationBuilder AddDashboardCommand(this IHostApplicationBuilder builder, string pathPattern, Func<DashboardRequest, CancellationToken, Task<bool>> command)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Once(pathPattern, () => DashboardRoutes.Routes.Add(pathPattern, new DashboardCommandDispatcher(command)));
        return builder;
    }

    /// <summary>A download (or any other response a page links to) behind the dashboard's own authorization.</summary>
    public static IHostApplicationBuilder AddDashboardRoute(this IHostApplicationBuilder builder, string path, IDashboardDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Once(path, () => DashboardRoutes.Routes.Add(path, dispatcher));
        return builder;
    }

    /// <summary>A last menu item that is a plain link, e.g. the way out.</summary>
    public static IHostApplicationBuilder AddDashboardMenuLink(this IHostApplicationBuilder builder, string title, string href)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Once("menu:" + href, () => NavigationMenu.Items.Add(_ => new MenuItem(title, href)));
        return builder;
    }

    private static void Once(string key, Action register)
    {
        lock (Gate)
        {
            if (Registered.Add(key))
            {
                register();
            }
        }
    }
}
