namespace BifSof.Worker.Common.Dashboard;

/// <summary>
/// One of the worker's dashboard pages. It loads its model asynchronously; the template named after the class
/// (<c>KpisPage</c> → <c>KpisPage.html.sbn</c> beside it) renders it inside the shared shell. Resolved per request.
/// </summary>
public interface IDashboardPage
{
    Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken);
}
