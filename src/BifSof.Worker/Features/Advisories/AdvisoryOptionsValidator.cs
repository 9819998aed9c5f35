using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Advisories;

internal sealed class AdvisoryOptionsValidator : IValidateOptions<AdvisoryOptions>
{
    public ValidateOptionsResult Validate(string? name, AdvisoryOptions options)
    {
        var failures = new List<string>();
        if (options.CoordinationMinimumCases is < 1 or > 1000)
        {
            failures.Add("Advisories:CoordinationMinimumCases (Advisories__CoordinationMinimumCases) must be between 1 and 1000.");
        }

        if (options.CoordinationNoticeDays is < 1 or > 365)
        {
            failures.Add("Advisories:CoordinationNoticeDays (Advisories__CoordinationNoticeDays) must be between 1 and 365.");
        }

        if (options.StopLookbackDays is < 1 or > 3650)
        {
            failures.Add("Advisories:StopLookbackDays (Advisories__StopLookbackDays) must be between 1 and 3650.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
