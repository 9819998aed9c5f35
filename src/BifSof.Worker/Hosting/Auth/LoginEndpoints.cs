using System.Security.Claims;
using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

using BifSof.Worker.Common;

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
            var principal = await accounts.SignInAsync(userName, password, AuthSchemes.Cookie, context.RequestAborted);
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

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool failed)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var signedInAs = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.Name) : null;
        var error = failed
            ? "<p class=\"error\" role=\"alert\">Forkert brugernavn eller adgangskode.</p>"
            : signedInAs is not null
                ? $"<p class=\"error\" role=\"alert\">Du er logget ind som {Html.Encode(signedInAs)}, men har ikke adgang til siden.</p>"
                : string.Empty;
        var body = $$"""
                <h1>BifSofWorker – opfølgning på BIF-SOF-strategien</h1>
                {{error}}
                <form method="post" action="/login">
                  <input type="hidden" name="{{tokens.FormFieldName}}" value="{{Html.Encode(tokens.RequestToken)}}">
                  <input type="hidden" name="returnUrl" value="{{Html.Encode(IsLocal(returnUrl) ? returnUrl : "/hangfire")}}">
                  <label for="username">Brugernavn</label>
                  <input id="username" name="username" type="text" autocomplete="username" required autofocus>
                  <label for="password">Adgangskode</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Log ind</button>
                </form>
            """;
        return PublicPage.Render("Log ind", body, failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
