using BifSof.Worker.Common;

namespace BifSof.Worker.Tests.Common;

public class DanishFormatTests
{
    [Theory]
    [InlineData(2010, 3, 17, "17. marts 2010")]
    [InlineData(2009, 7, 1, "1. juli 2009")]
    [InlineData(2011, 12, 31, "31. december 2011")]
    [InlineData(2010, 5, 9, "9. maj 2010")]
    public void Date_WritesDayMonthNameAndYear_InDanish(int year, int month, int day, string expected) =>
        Assert.Equal(expected, DanishFormat.Date(new DateOnly(year, month, day)));

    [Theory]
    [InlineData("0.374", "37,4 %")]
    [InlineData("0.19", "19,0 %")]
    [InlineData("0.4267", "42,7 %")]
    [InlineData("1", "100,0 %")]
    [InlineData("0.06293", "6,3 %")]
    public void Percent_UsesDecimalCommaAndSpaceBeforeSign(string fraction, string expected) =>
        Assert.Equal(expected, DanishFormat.Percent(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("3606", 0, "3.606")]
    [InlineData("1234567.891", 2, "1.234.567,89")]
    [InlineData("12", 0, "12")]
    public void Number_UsesDotForThousandsAndCommaForDecimals(string value, int decimals, string expected) =>
        Assert.Equal(expected, DanishFormat.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void DateTime_ConvertsToCopenhagenTime_InSummerAndWinter()
    {
        Assert.Equal("17. marts 2010 kl. 09.05", DanishFormat.DateTime(new DateTimeOffset(2010, 3, 17, 8, 5, 0, TimeSpan.Zero)));
        Assert.Equal("1. juli 2010 kl. 14.00", DanishFormat.DateTime(new DateTimeOffset(2010, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void FixedClock_StartsAtTheGivenCopenhagenDayAndTime()
    {
        var clock = new FixedClock(new DateOnly(2010, 3, 3), new TimeOnly(7, 0));
        Assert.Equal(new DateOnly(2010, 3, 3), Copenhagen.Today(clock));
        Assert.Equal(new DateTimeOffset(2010, 3, 3, 6, 0, 0, TimeSpan.Zero), clock.GetUtcNow(), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("0.4996", "0.50", "49,96 %")] // "50,0 %" would contradict the "behind" mark beside it
    [InlineData("0.3740", "0.40", "37,4 %")]
    [InlineData("0.5000", "0.50", "50,0 %")]
    [InlineData("0.499999", "0.50", "50,000 %")] // three decimals at most
    public void PercentAgainst_ShowsEnoughDecimals_ForTheFigureNotToLookLikeTheTarget(string rate, string target, string expected) =>
        Assert.Equal(expected, DanishFormat.PercentAgainst(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture)));
}
