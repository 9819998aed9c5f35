using System.Text.RegularExpressions;
using BifSof.Worker.Features.Accounts;

namespace BifSof.Worker.Hosting.Dashboard;

/// <summary>
/// Clean answers, instead of Hangfire's server errors, for dashboard requests a signed-in user can send but Hangfire
/// does not expect: <c>/hangfire/stats</c> by anything but POST (405), and a job command whose job id is not a number
/// (400). Runs after authentication, so anonymous requests still get the login page.
/// </summary>
internal static partial class DashboardInputGuard
{
    public static IApplicationBuilder UseDashboardInputGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || !(user.IsInRole(DashboardRoles.Admin) || user.IsInRole(DashboardRoles.Viewer))
            || !context.Request.Path.StartsWithSegments("/hangfire", out var rest))
        {
            await next(context);
            return;
        }

        if (rest.Equals("/stats", StringComparison.OrdinalIgnoreCase) && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && rest.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase) && !await JobIdsAreNumbersAsync(context, rest.Value!))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });

    /// <summary>The ids of a job command (<c>jobs[]</c> of a list command, or the last segment of a job's own action).</summary>
    private static async Task<bool> JobIdsAreNumbersAsync(HttpContext context, string path)
    {
        if (JobAction().Match(path) is { Success: true } action)
        {
            return IsJobId(action.Groups[1].Value);
        }

        if (!context.Request.HasFormContentType)
        {
            return true; // Hangfire's own antiforgery check answers a POST without a form
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form["jobs[]"].All(IsJobId);
    }

    private static bool IsJobId(string? id) => id is { Length: > 0 and <= 19 } && id.All(char.IsAsciiDigit) && long.TryParse(id, out _);

    [GeneratedRegex("^/jobs/actions/[a-z]+/(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex JobAction();
}
