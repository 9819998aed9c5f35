using BifSof.Worker.Features.SocialPlans;

namespace BifSof.Worker.Tests.Features.SocialPlans;

public class SocialPlanOptionsValidatorTests
{
    [Fact]
    public void Validate_AcceptsTheDefaults() =>
        Assert.True(new SocialPlanOptionsValidator().Validate(null, new SocialPlanOptions()).Succeeded);

    [Theory]
    [InlineData(0, 14, 7, 2, "SocialPlans__DeadlineDays")]
    [InlineData(30, 366, 7, 2, "SocialPlans__GreenLineDeadlineDays")]
    [InlineData(30, 14, 0, 2, "SocialPlans__ChaserEveryDays")]
    [InlineData(30, 14, 7, 0, "SocialPlans__EscalateAfterChasers")]
    public void Validate_NamesTheSetting_WhenItIsOutOfRange(int deadline, int greenLine, int every, int chasers, string setting)
    {
        var options = new SocialPlanOptions { DeadlineDays = deadline, GreenLineDeadlineDays = greenLine, ChaserEveryDays = every, EscalateAfterChasers = chasers };

        var result = new SocialPlanOptionsValidator().Validate(null, options);

        Assert.Equal([setting], result.Failures!.Select(f => f[(f.IndexOf('(', StringComparison.Ordinal) + 1)..f.IndexOf(')', StringComparison.Ordinal)]));
    }
}
