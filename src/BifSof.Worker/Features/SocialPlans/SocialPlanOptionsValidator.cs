using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.SocialPlans;

internal sealed class SocialPlanOptionsValidator : IValidateOptions<SocialPlanOptions>
{
    public ValidateOptionsResult Validate(string? name, SocialPlanOptions options)
    {
        var failures = new List<string>();
        if (options.DeadlineDays is < 1 or > 365)
        {
            failures.Add("SocialPlans:DeadlineDays (SocialPlans__DeadlineDays) must be between 1 and 365.");
        }

        if (options.GreenLineDeadlineDays is < 1 or > 365)
        {
            failures.Add("SocialPlans:GreenLineDeadlineDays (SocialPlans__GreenLineDeadlineDays) must be between 1 and 365.");
        }

        if (options.ChaserEveryDays is < 1 or > 90)
        {
            failures.Add("SocialPlans:ChaserEveryDays (SocialPlans__ChaserEveryDays) must be between 1 and 90.");
        }

        if (options.EscalateAfterChasers is < 1 or > 20)
        {
            failures.Add("SocialPlans:EscalateAfterChasers (SocialPlans__EscalateAfterChasers) must be between 1 and 20.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
