using Microsoft.AspNetCore.Identity;

namespace BifSof.Worker.Features.Accounts;

/// <summary>Dashboard accounts: who may sign in, as admin or viewer. The sign-in itself is Hosting/Auth.</summary>
public static class AccountsFeature
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPasswordHasher<DashboardUser>, DashboardPasswordHasher>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<LoginFailures>();
        return builder;
    }
}
