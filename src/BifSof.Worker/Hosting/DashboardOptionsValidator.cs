using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.SessionHours is < 1 or > 24
            ? ValidateOptionsResult.Fail("Dashboard:SessionHours (Dashboard__SessionHours) must be between 1 and 24.")
            : ValidateOptionsResult.Success;
}
