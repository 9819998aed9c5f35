using BifSof.Worker.Features.Digest;
using BifSof.Worker.Features.Kpis;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>The digest's figures say what Nøgletal says: a rate just under its target is not rounded onto it.</summary>
public class DigestFiguresTests
{
    private static MonthlyKpis Month(string month, decimal rate) => new(
        month,
        2400,
        10,
        5,
        new ActivationKpi(2000, (int)(2000 * rate), rate, 0.50m, 0.50m, new Dictionary<string, GroupKpi>(), [2, 3], null, 0),
        new SocialPlanKpi(int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture), 900, 800, 70, 0.0875m, 1000, 1000, 500),
        false,
        DateTimeOffset.UnixEpoch);

    private static DigestModel ManagementModel(string month, decimal rate)
    {
        var kpis = Month(month, rate);
        var day = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var data = new DigestMonthData(day, day.AddMonths(1), kpis, [kpis], [], [], new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(), "ledelse@test.example.dk", null);
        return Assert.Single(DigestComposer.Compose(data)).Model;
    }

    [Fact]
    public void Compose_ShowsARateJustUnderTheTarget_WithTheDecimalsThatTellThemApart_InTheFigureAndTheTrend()
    {
        var model = ManagementModel("2011-12", 0.4996m);

        Assert.Equal(("49,96 %", "50,0 %", "under målet"), (model.Municipality.Rate, model.Municipality.Target, model.Municipality.OnTrack));
        Assert.Equal("49,96 %", Assert.Single(model.Trend).Rate);
    }

    [Fact]
    public void Compose_NamesTheFiveGroupModelsMatchGroups_ForAMonthBeforeApril2010_AsThePagesDo()
    {
        Assert.Equal("matchgruppe 2 eller 3, tidl. 4 eller 5", ManagementModel("2009-12", 0.4m).MatchGroups);
        Assert.Equal("matchgruppe 2 eller 3", ManagementModel("2010-04", 0.4m).MatchGroups);
    }
}
