using System.Globalization;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

public class ExtractValuesTests
{
    [Theory]
    [InlineData("0102031234", "0102031234")]
    [InlineData("010203-1234", "0102031234")]
    [InlineData("6102031234", "6102031234")]   // replacement number: day + 60
    [InlineData("2902001234", "2902001234")]   // 29 February 2000
    [InlineData("3112991234", "3112991234")]
    public void TryParseCpr_AcceptsTenDigitsWhoseFirstSixAreADate(string value, string digits)
    {
        Assert.True(ExtractValues.TryParseCpr(value, out var parsed, out _));
        Assert.Equal(digits, parsed);
    }

    [Theory]
    [InlineData("010203123", "10 cifre")]
    [InlineData("01020312345", "10 cifre")]
    [InlineData("01020-31234", "10 cifre")]
    [InlineData("O102031234", "10 cifre")]
    [InlineData("3102031234", "gyldig dato")]   // 31 February
    [InlineData("2902011234", "gyldig dato")]   // no 29 February in 1901 or 2001
    [InlineData("0113031234", "gyldig dato")]   // month 13
    [InlineData("9202031234", "gyldig dato")]   // day 92 - 60 = 32
    [InlineData("0002031234", "gyldig dato")]
    public void TryParseCpr_RefusesWithAReason(string value, string reason)
    {
        Assert.False(ExtractValues.TryParseCpr(value, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0102031234", "010203-****")]
    [InlineData("010203-1234", "010203-****")]
    [InlineData("12345", "****")]
    [InlineData("102031234", "****")]   // a CPR that lost its leading zero: no seventh digit shown
    public void MaskCpr_NeverShowsTheLastFourDigits(string value, string masked) =>
        Assert.Equal(masked, ExtractValues.MaskCpr(value));

    [Theory]
    [InlineData("se 0102031234 i sagen", "se 010203-**** i sagen")]
    [InlineData("010203-1234", "010203-****")]
    [InlineData("BIF-2009-000123", "BIF-2009-000123")]
    [InlineData("12345678901", "12345678901")]
    [InlineData("Team\u0000A", "Team?A")]
    [InlineData("730567-39", "****")]     // the start of a CPR, cut short
    [InlineData("sag 730567398", "sag ****")]
    [InlineData("730567", "****")]
    [InlineData("73056739881234", "730567-****")]
    [InlineData("150000 kr.", "150000 kr.")] // six digits that are no date
    public void Scrub_MasksEveryCprShapedPartAndControlCharacter(string value, string scrubbed) =>
        Assert.Equal(scrubbed, ExtractValues.Scrub(value));

    [Theory]
    [InlineData("12310567-3998", "****")]          // two digits in front of 310567-3998
    [InlineData("sag 9730567398 lukket", "sag **** lukket")]
    [InlineData("0012310567", "****")]
    [InlineData("nr. 99730567-39", "nr. ****")]   // in front, and cut short
    [InlineData("beløb 1000000", "beløb 1000000")] // no date at any position
    public void Scrub_MasksARunOfDigits_WhenACprShapedDateStandsAnywhereInIt(string value, string scrubbed) =>
        Assert.Equal(scrubbed, ExtractValues.Scrub(value));

    [Theory]
    [InlineData("2010-03-17")]
    [InlineData("17-03-2010")]
    [InlineData("17.03.2010")]
    public void TryParseDate_AcceptsTheThreeForms(string value)
    {
        Assert.True(ExtractValues.TryParseDate(value, out var date));
        Assert.Equal(new DateOnly(2010, 3, 17), date);
    }

    [Theory]
    [InlineData("2010/03/17")]
    [InlineData("17-3-2010")]
    [InlineData("2010-02-30")]
    public void TryParseDate_RefusesOtherForms(string value) => Assert.False(ExtractValues.TryParseDate(value, out _));

    [Theory]
    [InlineData("2010-03-17")]
    [InlineData("2012-02-29")]
    [InlineData("2011-02-29")]
    [InlineData("2010-13-01")]
    [InlineData("2010-00-10")]
    [InlineData("2010-04-31")]
    [InlineData("2010-04-00")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2010-0a-01")]
    [InlineData("2010-+1-01")]
    [InlineData("2010- 1-01")]
    [InlineData("201-03-170")]
    [InlineData("2010-03-1")]
    [InlineData("١٢٣٤-03-17")]
    public void TryParseDate_ReadsTheIsoFormExactlyAsTheGeneralParser(string value)
    {
        var expected = DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var general);
        Assert.Equal(expected, ExtractValues.TryParseDate(value, out var date));
        Assert.Equal(general, date);
    }

    [Theory]
    [InlineData("2010-03")]
    [InlineData("2010-13")]
    [InlineData("2010-00")]
    [InlineData("0000-01")]
    [InlineData("2010-3")]
    [InlineData("2010-+3")]
    [InlineData("201003")]
    [InlineData("2010-03-01")]
    public void TryParseMonth_ReadsAsTheGeneralParser(string value)
    {
        var expected = DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var general);
        Assert.Equal(expected, ExtractValues.TryParseMonth(value, out var month));
        Assert.Equal(general, month);
    }

    [Theory]
    [InlineData("ja", true)]
    [InlineData("JA", true)]
    [InlineData("j", true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("nej", false)]
    [InlineData("n", false)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    public void TryParseBoolean_AcceptsTheFourPairs(string value, bool expected)
    {
        Assert.True(ExtractValues.TryParseBoolean(value, out var result));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("jaa")]
    [InlineData("")]
    [InlineData("ſand")]
    [InlineData("falſe")]
    [InlineData("tru")]
    [InlineData("2")]
    public void TryParseBoolean_RefusesOtherWords(string value) => Assert.False(ExtractValues.TryParseBoolean(value, out _));

    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(5, 3, 1)]
    [InlineData(5, 4, 2)]
    [InlineData(5, 5, 3)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 3, 3)]
    public void Normalize_MapsTheOldModelOntoTheNew(short model, short group, short normalized) =>
        Assert.Equal(normalized, MatchGroups.Normalize(model, group));

    [Theory]
    [InlineData("bif_2010-03.csv", ExtractSource.Bif, "2010-03-01")]
    [InlineData("SOF_2011-12.CSV", ExtractSource.Sof, "2011-12-01")]
    [InlineData("bif_udtraek.csv", ExtractSource.Bif, null)]
    public void FileName_TellsSourceAndMonth(string name, ExtractSource source, string? month)
    {
        var parsed = ExtractFileName.Parse(name);
        Assert.Equal(source, parsed.Source);
        Assert.Equal(month is null ? null : DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), parsed.Month);
    }
}
