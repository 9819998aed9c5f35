using BifSof.Worker.Features.Kpis;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>Months registered in the five-group match model also name the groups as they were called then.</summary>
public class MatchGroupTextTests
{
    [Theory]
    [InlineData("2009-11")]
    [InlineData("2010-03")]
    public void Describe_NamesTheOldGroups_WhenTheMonthIsInTheFiveGroupModel(string month) =>
        Assert.Equal("matchgruppe 2 og 3 (tidl. 4 og 5)", MatchGroupText.Describe(month, [2, 3]));

    [Theory]
    [InlineData("2010-04")]
    [InlineData("2011-12")]
    public void Describe_NamesOnlyTheNewGroups_WhenTheMonthIsInTheThreeGroupModel(string month) =>
        Assert.Equal("matchgruppe 2 og 3", MatchGroupText.Describe(month, [2, 3]));

    [Fact]
    public void Describe_NamesTheOldGroup_WhenOnlyOneGroupIsCounted() =>
        Assert.Equal("matchgruppe 2 (tidl. 4)", MatchGroupText.Describe("2009-12", [2]));
}
