using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Auth;

public static class AuthSetup
{
    /// <summary>A login form (cookie) and HTTP Basic over the same database accounts; antiforgery on.</summary>
    public static IHostApplicationBuilder AddBifSofDashboardAuth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(ProxyOptions.Section);
        builder.Services.AddTransient<IStartupFilter, ForwardedHeadersStartupFilter>();
        builder.Services
            .AddAuthentication(AuthSchemes.Dashboard)
            .AddPolicyScheme(AuthSchemes.Dashboard, "Login or Basic", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                        ? AuthSchemes.Basic
                        : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/login";
                options.Cookie.Name = "bifsof.login";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AuthSchemes.Basic, null);
        builder.Services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) =>
            {
                cookie.ExpireTimeSpan = TimeSpan.FromHours(dashboard.Value.SessionHours);
                cookie.Cookie.SecurePolicy = dashboard.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });
        builder.Services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<DashboardOptions>>((antiforgery, dashboard) =>
                antiforgery.Cookie.SecurePolicy = dashboard.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Dashboard)
                .RequireAuthenticatedUser()
                .RequireRole(DashboardRoles.Admin, DashboardRoles.Viewer));
        // Login cookies and antiforgery tokens stay valid across restarts and between several workers.
        builder.Services.AddDataProtection()
            .SetApplicationName("BifSofWorker")
            .PersistKeysToDbContext<BifSofDbContext>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "bifsof.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }
}
