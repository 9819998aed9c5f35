namespace BifSof.Worker.Common;

/// <summary>
/// The domain clock while <c>BifSof__DemoDate</c> is set: it starts at the demo date, at the Copenhagen time of day
/// the process started, and runs forward in real time from there. It is one fixed offset from the wall clock
/// (demo date at the start time − wall clock at start), so days, weekdays and the recurring jobs' times of day line
/// up with the real ones. Demos only: the validator refuses a demo date in Production.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly TimeProvider _wallClock;

    /// <param name="demoDay">The day it is when the clock is created.</param>
    /// <param name="wallClock">The real clock it follows (<see cref="TimeProvider.System"/> outside tests).</param>
    public DemoClock(DateOnly demoDay, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(wallClock);
        _wallClock = wallClock;
        DemoDay = demoDay;
        var wallNow = wallClock.GetUtcNow();
        var localNow = TimeZoneInfo.ConvertTime(wallNow, Copenhagen.TimeZone);
        var demoLocal = demoDay.ToDateTime(TimeOnly.FromTimeSpan(localNow.TimeOfDay));
        var demoStart = new DateTimeOffset(demoLocal, Copenhagen.TimeZone.GetUtcOffset(demoLocal));
        Offset = demoStart - wallNow;
    }

    /// <summary>The demo date the clock started at.</summary>
    public DateOnly DemoDay { get; }

    /// <summary>Demo time minus wall-clock time; fixed for the clock's life.</summary>
    public TimeSpan Offset { get; }

    public override DateTimeOffset GetUtcNow() => _wallClock.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => Copenhagen.TimeZone;

    public override long GetTimestamp() => _wallClock.GetTimestamp();

    public override long TimestampFrequency => _wallClock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _wallClock.CreateTimer(callback, state, dueTime, period);

    /// <summary>The worker's domain clock: a <see cref="DemoClock"/> on <paramref name="demoDay"/>, else the wall clock.</summary>
    public static TimeProvider For(DateOnly? demoDay) =>
        demoDay is { } day ? new DemoClock(day, System) : System;
}
