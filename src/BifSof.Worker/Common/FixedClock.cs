namespace BifSof.Worker.Common;

/// <summary>
/// The clock for <c>run JOB --as-of DATE</c>: the given day in Copenhagen at the time the recurring schedule
/// would run, advancing with real time from there so durations inside a run stay true.
/// </summary>
public sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public FixedClock(DateOnly day, TimeOnly timeOfDay)
    {
        var local = day.ToDateTime(timeOfDay);
        _start = new DateTimeOffset(local, Copenhagen.TimeZone.GetUtcOffset(local)).ToUniversalTime();
        _startTimestamp = System.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTimestamp);

    public override TimeZoneInfo LocalTimeZone => Copenhagen.TimeZone;
}
