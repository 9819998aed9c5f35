using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BifSof.Worker.Hosting.Auth;

/// <summary>
/// Ends a login session whose account was removed or changed (role, password) since it signed in: checked on every
/// request, so <c>user remove</c> and <c>user add</c> take effect at once, not when the cookie expires.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (!await accounts.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }
}
