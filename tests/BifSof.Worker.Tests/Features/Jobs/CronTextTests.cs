using BifSof.Worker.Features.Jobs;

namespace BifSof.Worker.Tests.Features.Jobs;

/// <summary>"Planlagte job" shows each schedule in Danish words instead of cron.</summary>
public class CronTextTests
{
    [Theory]
    [InlineData("30 7 * * 1-5", "hverdage kl. 07.30")]
    [InlineData("0 7 * * 1-5", "hverdage kl. 07.00")]
    [InlineData("45 17 * * 1-5", "hverdage kl. 17.45")]
    [InlineData("0 6 * * *", "hver dag kl. 06.00")]
    [InlineData("*/5 * * * *", "hvert 5. minut")]
    [InlineData("*/10 * * * *", "hvert 10. minut")]
    [InlineData("* * * * *", "hvert minut")]
    public void Describe_SaysTheScheduleInDanish_WhenTheShapeIsKnown(string cron, string expected) =>
        Assert.Equal(expected, CronText.Describe(cron));

    [Theory]
    [InlineData("0 7 1 * *")]
    [InlineData("0 7 * * 0")]
    [InlineData("0 25 * * 1-5")]
    [InlineData("*/x * * * *")]
    [InlineData("0 7 * *")]
    public void Describe_ShowsTheCronAsItIs_WhenTheShapeIsUnknown(string cron) =>
        Assert.Equal(cron, CronText.Describe(cron));
}
