using BifSof.Worker.Features.Advisories;

namespace BifSof.Worker.Tests.Features.Advisories;

public class AdvisoryOptionsValidatorTests
{
    private static string[] Failures(AdvisoryOptions options) =>
        new AdvisoryOptionsValidator().Validate(null, options).Failures?.ToArray() ?? [];

    [Fact]
    public void Validate_Succeeds_WithTheDefaults() => Assert.Empty(Failures(new AdvisoryOptions()));

    [Fact]
    public void Validate_NamesTheSetting_WhenTheMinimumCasesIsZero() =>
        Assert.Equal(
            ["Advisories:CoordinationMinimumCases (Advisories__CoordinationMinimumCases) must be between 1 and 1000."],
            Failures(new AdvisoryOptions { CoordinationMinimumCases = 0 }));

    [Fact]
    public void Validate_NamesTheSetting_WhenTheSpacingIsOverAYear() =>
        Assert.Equal(
            ["Advisories:CoordinationNoticeDays (Advisories__CoordinationNoticeDays) must be between 1 and 365."],
            Failures(new AdvisoryOptions { CoordinationNoticeDays = 366 }));
}
