namespace BifSof.Worker.Features.Extracts;

/// <summary>The match models: the 5-group model until 2010 and the 3-group model from April 2010.</summary>
public static class MatchGroups
{
    /// <summary>Old 1–3 → new 1, old 4 → new 2 (ready for an offer), old 5 → new 3 (temporarily passive).</summary>
    public static short Normalize(short model, short group) => model switch
    {
        5 => group switch
        {
            <= 3 => 1,
            4 => 2,
            _ => 3,
        },
        _ => group,
    };

    public static bool IsValid(short model, short group) => model switch
    {
        5 => group is >= 1 and <= 5,
        3 => group is >= 1 and <= 3,
        _ => false,
    };
}
