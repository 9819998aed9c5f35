using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Milestones;

internal sealed class MilestoneOptionsValidator : IValidateOptions<MilestoneOptions>
{
    public ValidateOptionsResult Validate(string? name, MilestoneOptions options)
    {
        var failures = new List<string>();
        if (options.DaysBefore.Any(d => d is < 1 or > 365))
        {
            failures.Add("Milestones:ReminderDaysBefore (Milestones__ReminderDaysBefore__N) must list days between 1 and 365.");
        }

        if (options.OverdueEveryDays is < 1 or > 90)
        {
            failures.Add("Milestones:OverdueEveryDays (Milestones__OverdueEveryDays) must be between 1 and 90.");
        }

        if (options.EscalateAfterDays is < 1 or > 365)
        {
            failures.Add("Milestones:EscalateAfterDays (Milestones__EscalateAfterDays) must be between 1 and 365.");
        }

        if (options.LinkLifetimeDays is < 1 or > 365)
        {
            failures.Add("Milestones:LinkLifetimeDays (Milestones__LinkLifetimeDays) must be between 1 and 365.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
