using System.Diagnostics;
using System.Globalization;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Where an import's time went, phase by phase (the reading pass, parsing and checking, the COPY, the duplicate check,
/// the month's partition, the matching, the commit), for the one log line an import writes about it
/// (<see cref="ExtractLog.Timings"/>). Durations and counts only, never a value of the file.
/// </summary>
internal sealed class ImportTimings
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Time)> _phases = [];
    private TimeSpan _mark;

    /// <summary>Ends the current phase under <paramref name="phase"/>: the time since the previous mark.</summary>
    public void Mark(string phase)
    {
        var now = _clock.Elapsed;
        _phases.Add((phase, now - _mark));
        _mark = now;
    }

    /// <summary>A duration measured elsewhere (by the reading or the copying side of the COPY), not a step of the sequence.</summary>
    public void Add(string phase, TimeSpan time)
    {
        lock (_phases)
        {
            _phases.Add((phase, time));
        }
    }

    public TimeSpan Total => _clock.Elapsed;

    public override string ToString()
    {
        lock (_phases)
        {
            return string.Join(", ", _phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Time.TotalMilliseconds:0} ms")));
        }
    }
}
