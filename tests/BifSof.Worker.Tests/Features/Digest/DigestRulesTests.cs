using BifSof.Worker.Features.Digest;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>The digest's pure rules: when a month is held, what a correction reports, sheet and file names.</summary>
public class DigestRulesTests
{
    [Theory]
    [InlineData(2406, 2406, false)]
    [InlineData(3127, 2406, false)] // +30.0 %: not more than the share
    [InlineData(3128, 2406, true)]
    [InlineData(1684, 2406, true)] // −30.0 % and a bit
    [InlineData(0, 2406, true)]
    [InlineData(5, 0, true)] // from nothing, any change
    [InlineData(0, 0, false)]
    public void Moved_IsTrue_WhenTheChangeIsMoreThanTheShare(int current, int baseline, bool moved) =>
        Assert.Equal(moved, HoldRule.Moved(current, baseline, 0.30m));

    [Fact]
    public void Moved_IsFalse_WhenThereIsNothingToCompareWith() => Assert.False(HoldRule.Moved(0, null, 0.30m));

    [Fact]
    public void Check_NamesTheMonthBeforeAndThePreviousVersion_WhenBothAreFarOff()
    {
        var reason = HoldRule.Check(0, 2380, "maj 2010", 2406, 0.30m);

        Assert.Equal("fællesborgere 2.380 → 0 (-100,0 %) mod maj 2010; fællesborgere 2.406 → 0 (-100,0 %) mod månedens forrige version", reason);
    }

    [Fact]
    public void Check_HoldsNothing_WhenTheMonthMovedLittle() => Assert.Null(HoldRule.Check(2450, 2406, "maj 2010", null, 0.30m));

    [Fact]
    public void Between_ListsTheChangedFiguresInTheOrderShown_WithNewAndGoneOnes()
    {
        var before = new DigestFigure[] { new("Fællesborgere", "412"), new("Tilgang", "12"), new("Afgang", "9"), new("Væk", "1") };
        var now = new DigestFigure[] { new("Fællesborgere", "415"), new("Tilgang", "12"), new("Afgang", "6"), new("Ny", "3") };

        var changes = FigureChange.Between(before, now);

        Assert.Equal(
            [new FigureChange("Fællesborgere", "412", "415"), new FigureChange("Afgang", "9", "6"), new FigureChange("Ny", "–", "3"), new FigureChange("Væk", "1", "–")],
            changes);
    }

    [Fact]
    public void Between_IsEmpty_WhenNothingChanged() =>
        Assert.Empty(FigureChange.Between([new("Fællesborgere", "412")], [new("Fællesborgere", "412")]));

    [Theory]
    [InlineData("Socialcenter \"Øst\"; Ærø", "Socialcenter \"Øst\"; Ærø")]
    [InlineData("Center [A/B]: *nyt*?", "Center -A-B-- -nyt--")]
    [InlineData("'Citeret'", "Citeret")]
    [InlineData("Handicapcenter Voksen København, Nordvest", "Handicapcenter Voksen København")]
    public void SheetName_KeepsWhatExcelAllows_AndCutsAt31Characters(string centre, string sheet) =>
        Assert.Equal(sheet, DigestWorkbook.SheetName(centre, ["Centre"]));

    [Fact]
    public void SheetName_NumbersASecondCentre_ThatWouldGetTheSameName() =>
        Assert.Equal("Handicapcenter Voksen Køben (2)", DigestWorkbook.SheetName("Handicapcenter Voksen København, Syd", ["Centre", "Handicapcenter Voksen København"]));

    [Theory]
    [InlineData("Rådgivningscenter København", "raadgivningscenter-koebenhavn")]
    [InlineData("Socialcenter \"Øst\"; Ærø", "socialcenter-oest-aeroe")]
    [InlineData("../..", "center")]
    public void Slug_GivesASafeFileName_FromACentreName(string centre, string slug) => Assert.Equal(slug, DigestPreview.Slug(centre));
}
