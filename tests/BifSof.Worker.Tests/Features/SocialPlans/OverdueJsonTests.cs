using BifSof.Worker.Features.SocialPlans;

namespace BifSof.Worker.Tests.Features.SocialPlans;

public class OverdueJsonTests
{
    [Fact]
    public void Serialize_NamesEachKindAsTheContractDoes_AndLeavesTheCentreOut()
    {
        OverdueCase[] cases =
        [
            new("S-1", "T", "t@sof.example.dk", OverdueKind.Offer, new DateOnly(2010, 3, 1), 1, false, "Socialcenter Amager"),
            new("S-2", "T", "t@sof.example.dk", OverdueKind.Production, new DateOnly(2010, 3, 1), 1, false, "Socialcenter Amager"),
            new("S-3", "T", "t@sof.example.dk", OverdueKind.FollowUp, new DateOnly(2010, 3, 1), 1, false, "Socialcenter Amager"),
        ];

        var json = OverdueJson.Serialize(cases);

        Assert.Equal(["offer", "production", "followUp"], System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.DoesNotContain("Amager", json, StringComparison.Ordinal);
        Assert.Equal("[]", OverdueJson.Serialize([]));
    }
}
