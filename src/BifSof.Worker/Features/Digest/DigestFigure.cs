namespace BifSof.Worker.Features.Digest;

/// <summary>One figure as a digest showed it, e.g. <c>("Fællesborgere i centret", "412")</c>: what a correction compares.</summary>
public sealed record DigestFigure(string Label, string Value);

/// <summary>A figure a correction reports: what the digest said and what the data says now.</summary>
public sealed record FigureChange(string Label, string From, string To)
{
    /// <summary>The figures whose shown value differs, in the order the digest shows them; a figure new or gone counts too.</summary>
    public static List<FigureChange> Between(IReadOnlyList<DigestFigure> before, IReadOnlyList<DigestFigure> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var old = before.GroupBy(f => f.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var changes = new List<FigureChange>();
        foreach (var figure in now)
        {
            var was = old.Remove(figure.Label, out var value) ? value : "–";
            if (!string.Equals(was, figure.Value, StringComparison.Ordinal))
            {
                changes.Add(new FigureChange(figure.Label, was, figure.Value));
            }
        }

        changes.AddRange(before.Where(f => old.ContainsKey(f.Label)).Select(f => new FigureChange(f.Label, f.Value, "–")));
        return changes;
    }
}
