using Hangfire.Dashboard;

using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>
/// Serves one page: loads its model asynchronously from the request's services, renders the page's template, and
/// hands the result to Hangfire's own page machinery for the layout (menu, styles, antiforgery, scripts).
/// </summary>
internal sealed class DashboardPageDispatcher(Type pageType, string path, string title) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var request = new DashboardRequest(context);
        var services = context.Services();
        var page = (IDashboardPage)services.GetRequiredService(pageType);
        var model = await page.LoadAsync(request, context.GetHttpContext().RequestAborted);
        var body = services.GetRequiredService<PageTemplates>().RenderDashboard(pageType.Name, title, model, request.Url(string.Empty), request.IsReadOnly);

        // Hangfire's RazorPage needs its (internal) assignment from a dashboard context: its own dispatcher does that.
        var routes = new Hangfire.Dashboard.RouteCollection();
        routes.AddRazorPage(path, _ => new ShellPage(title, body));
        await routes.FindDispatcher(path).Item1.Dispatch(context);
    }
}
