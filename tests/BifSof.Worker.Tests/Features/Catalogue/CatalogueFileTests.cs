using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Catalogue;

public class CatalogueFileTests
{
    private static readonly CatalogueDocument Strategy = CatalogueFile.Read(Repository.Catalogue);

    [Fact]
    public void Read_AcceptsTheShippedStrategy()
    {
        Assert.Empty(CatalogueFile.Check(Strategy));
        Assert.Equal("2009-2011", Strategy.Period!.Key);
    }

    [Fact]
    public void Read_FindsEveryInitiativeOfTheProductionPlan_FromOnePointOneToFivePointThree()
    {
        var numbers = Strategy.Initiatives.Select(i => i.Number!).ToList();
        foreach (var expected in new[] { "1.1", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.4", "3.5", "4.1", "4.2", "5.1", "5.2", "5.3" })
        {
            Assert.Contains(expected, numbers);
        }

        Assert.Contains(numbers, n => n.StartsWith("1.2", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.StartsWith("3.3", StringComparison.Ordinal));
        Assert.All(Strategy.Initiatives, i => Assert.NotEmpty(i.Milestones));
    }

    [Fact]
    public void Read_HasTheGreenLineProposalDueSeventeenthOfMarch2010()
    {
        var milestones = Strategy.Initiatives.SelectMany(i => i.Milestones);
        Assert.Contains(milestones, m => m.Due == new DateOnly(2010, 3, 17) && m.Title!.Contains("styregruppe", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Read_KeepsOriginalAndRevisedActivationTargets_AsSeparateRows()
    {
        var activation = Strategy.Targets.Where(t => t.Kpi == "activation_rate").ToList();
        Assert.Equal([0.40m, 0.50m, 0.60m], activation.Where(t => t.ValidFrom.Year == 2009).OrderBy(t => t.Year).Select(t => t.Value));
        Assert.Contains(activation, t => t.Year == 2010 && t.Value == 0.40m && t.ValidFrom.Year == 2010);
        Assert.Contains(activation, t => t.Year == 2011 && t.Value == 0.50m && t.ValidFrom.Year == 2010);
        var plans = Strategy.Targets.Where(t => t.Kpi == "social_plans_offered").OrderBy(t => t.Year).Select(t => t.Value);
        Assert.Equal([1000m, 1000m, 1500m], plans);
    }

    [Fact]
    public void Read_HasThePopulationRules_GroupsTwoAndThreeThenTwoFromJuly2010()
    {
        var rules = Strategy.PopulationRules.OrderBy(r => r.ValidFrom).ToList();
        Assert.Equal([2, 3], rules[0].Groups);
        Assert.Equal(new DateOnly(2010, 7, 1), rules[^1].ValidFrom);
        Assert.Equal([2], rules[^1].Groups);
    }

    [Fact]
    public void Read_NamesFileAndLine_WhenTheYamlIsBroken()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", "version: 1\nowners:\n  - key: a\n    name: [unclosed\n");
        var ex = Assert.Throws<CatalogueException>(() => CatalogueFile.Read(file));
        Assert.StartsWith("broken.yaml, line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnInitiative_WhoseOwnerIsNotListed()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Repository.Catalogue).Replace("owner: specialenheden", "owner: nobody", StringComparison.Ordinal);
        var ex = Assert.Throws<CatalogueException>(() => CatalogueFile.Read(folder.Write("strategy.yaml", text)));
        Assert.Contains("names owner 'nobody', which is not in owners", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnUnknownMilestoneStatus()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Repository.Catalogue);
        var index = text.IndexOf("status: done", StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, index), "status: finished", text.AsSpan(index + "status: done".Length));
        var ex = Assert.Throws<CatalogueException>(() => CatalogueFile.Read(folder.Write("strategy.yaml", text)));
        Assert.Contains("status 'finished'", ex.Message, StringComparison.Ordinal);
    }
}
