namespace BifSof.Worker.Common;

/// <summary>The municipality's time zone: every schedule and every "today" is Copenhagen time.</summary>
public static class Copenhagen
{
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>Today's date in Copenhagen according to the given clock.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);
    }
}
