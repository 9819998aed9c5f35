using System.Net;
using Hangfire.Dashboard;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>
/// An admin's action from a page's button (Hangfire's <c>data-ajax</c> POST), run asynchronously: 204 when done, 422
/// when there was nothing to do, 405 for anything but POST, 401 for a viewer. The antiforgery token is checked by the
/// dashboard's middleware before this runs.
/// </summary>
internal sealed class DashboardCommandDispatcher(Func<DashboardRequest, CancellationToken, Task<bool>> command) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var response = context.Response;
        if (!string.Equals(context.Request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
            return;
        }

        if (context.IsReadOnly)
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return;
        }

        var done = await command(new DashboardRequest(context), context.GetHttpContext().RequestAborted);
        response.StatusCode = done ? (int)HttpStatusCode.NoContent : 422;
    }
}
