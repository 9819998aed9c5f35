using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

internal sealed class DashboardOptionsValidator(IHostEnvironment? environment) : IValidateOptions<DashboardOptions>
{
    public DashboardOptionsValidator()
        : this(null)
    {
    }

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        if (options.SessionHours is < 1 or > 24)
        {
            failures.Add("Dashboard:SessionHours (Dashboard__SessionHours) must be between 1 and 24.");
        }

        if (environment?.IsProduction() == true)
        {
            failures.AddRange(ProductionFailures(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>In Production the login and antiforgery cookies go over HTTPS only (<c>Secure</c>).</summary>
    private static IEnumerable<string> ProductionFailures(DashboardOptions options)
    {
        if (!options.RequireHttps)
        {
            yield return "Dashboard:RequireHttps (Dashboard__RequireHttps) must be true in Production: the login cookie must carry Secure.";
        }
    }
}
