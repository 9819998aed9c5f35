namespace BifSof.Worker.Features.Kpis;

/// <summary>SOF's target groups (the extract's <c>maalgruppe</c>) by the names the strategy's Tabel 2 gives them.</summary>
public static class TargetGroups
{
    public static string Name(string code) => code switch
    {
        "handicap" => "Handicappede",
        "misbrug" => "Misbrugere i behandling",
        "psykisk_socialt_udsat" => "Psykisk syge og øvrigt socialt udsatte",
        _ => code,
    };
}
