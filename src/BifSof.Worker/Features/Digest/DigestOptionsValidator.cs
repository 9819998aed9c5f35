using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Digest;

internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var failures = new List<string>();
        if (options.HoldShare is <= 0 or > 10)
        {
            failures.Add("Digest:HoldShare (Digest__HoldShare) must be a fraction above 0 and at most 10, e.g. 0.30 for 30 %.");
        }

        if (options.TrendMonths is < 2 or > 60)
        {
            failures.Add("Digest:TrendMonths (Digest__TrendMonths) must be between 2 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
