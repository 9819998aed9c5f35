using System.Globalization;

namespace BifSof.Worker.Features.Kpis;

/// <summary>
/// The counted match groups in words. Groups are stored normalised to the three-group model (old 4 → 2, old 5 → 3); a
/// month before April 2010 was registered in the five-group model, so it also names the groups as they were then.
/// </summary>
public static class MatchGroupText
{
    /// <summary>The first month registered in the three-group model.</summary>
    public const string ThreeGroupModelFrom = "2010-04";

    /// <summary>"matchgruppe 2 og 3", or "matchgruppe 2 og 3 (tidl. 4 og 5)" for a month in the five-group model.</summary>
    public static string Describe(string month, IReadOnlyList<int> countedGroups)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(countedGroups);
        var text = "matchgruppe " + Join(countedGroups);
        return string.CompareOrdinal(month, ThreeGroupModelFrom) < 0 && countedGroups.Count > 0 && countedGroups.All(g => g >= 2)
            ? $"{text} (tidl. {Join(countedGroups.Select(g => g + 2).ToList())})"
            : text;
    }

    private static string Join(IReadOnlyList<int> groups) =>
        string.Join(" og ", groups.Select(g => g.ToString(CultureInfo.InvariantCulture)));
}
