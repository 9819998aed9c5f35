using System.Security.Claims;
using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Hosting.Auth;

/// <summary>The login form (Danish) and logout.</summary>
internal static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(context, antiforgery, returnUrl, failed: false));

        endpoints.MapPost("/login", async (
            HttpContext context,
            IAntiforgery antiforgery,
            AccountService accounts,
            [FromForm(Name = "username")] string? userName,
            [FromForm(Name = "password")] string? password,
            [FromForm(Name = "returnUrl")] string? returnUrl) =>
        {
            var principal = await accounts.SignInAsync(userName, password, AuthSchemes.Cookie, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            if (principal is null)
            {
                return LoginPage(context, antiforgery, returnUrl, failed: true);
            }

            await context.SignInAsync(AuthSchemes.Cookie, principal);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/hangfire");
        });

        endpoints.MapMethods("/logout", ["GET", "POST"], async (HttpContext context) =>
        {
            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect("/login");
        });
    }

    /// <summary>
    /// A path on this site, and nothing else: no other host (<c>//x</c>, <c>/\x</c>) and no control character, since
    /// browsers drop a tab or line break (<c>/\t/x</c> becomes <c>//x</c>) and a line break cannot go into a header.
    /// </summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool failed)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var model = new
        {
            Failed = failed,
            SignedInAs = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.Name) : null,
            Antiforgery = new { Name = tokens.FormFieldName, Value = tokens.RequestToken },
            ReturnUrl = IsLocal(returnUrl) ? returnUrl : "/hangfire",
        };
        var templates = context.RequestServices.GetRequiredService<PageTemplates>();
        return PublicPage.Render(templates, "LoginPage", "Log ind", model, failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
