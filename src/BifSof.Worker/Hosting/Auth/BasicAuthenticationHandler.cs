using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Auth;

/// <summary>HTTP Basic over the dashboard accounts, for scripts and monitoring.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var principal = await accounts.SignInAsync(decoded[..colon], decoded[(colon + 1)..], Scheme.Name, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("Unknown user or wrong password.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"BifSofWorker\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
