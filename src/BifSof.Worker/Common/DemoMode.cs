using BifSof.Worker.Common.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Common;

/// <summary>
/// What the pages and e-mails show while a demo date is set: the domain clock's day, as <c>3. marts 2010</c>; null
/// when <c>BifSof__DemoDate</c> is unset (then nothing is shown).
/// </summary>
public sealed class DemoBanner(IOptions<BifSofOptions> options, TimeProvider clock)
{
    /// <summary>The domain clock's day in Danish while a demo date is set, else null.</summary>
    public string? Today() =>
        options.Value.DemoDay is null ? null : DanishFormat.Date(Copenhagen.Today(clock));
}

/// <summary>
/// Demo only: when the worker starts serving with a demo date set, each once-a-day recurring job due on the demo day
/// (the weekday-morning jobs on a weekday) is triggered once, so the day's reminders, chasers, advisories, notices and
/// digest are in the inbox within minutes instead of at their time of day tomorrow. Every such job is safe to run
/// twice (business keys), so a restart, or the job running again at its own time, sends nothing twice.
/// Without a demo date this does nothing.
/// </summary>
internal sealed partial class DemoCatchUp(IServiceProvider services, IOptions<BifSofOptions> options, TimeProvider clock, ILogger<DemoCatchUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DemoDay is null)
        {
            return Task.CompletedTask;
        }

        var today = Copenhagen.Today(clock);
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var due = services.GetRequiredService<WorkerJobs>().All
            .Where(j => RunsOnceOn(j.Cron, today.DayOfWeek))
            .OrderBy(j => j.RunsAt)
            .ToList();
        foreach (var job in due)
        {
            manager.Trigger(job.Id);
        }

        Started(logger, DanishFormat.Date(today), due.Count == 0 ? "none" : string.Join(", ", due.Select(j => j.Id)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Whether a five-field cron schedule runs exactly once on a day with that weekday: a fixed minute and hour, every
    /// day of every month, and the weekday in its day-of-week field (<c>*</c>, a number, a range <c>1-5</c>, or a list).
    /// </summary>
    internal static bool RunsOnceOn(string cron, DayOfWeek day)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || !fields[0].All(char.IsAsciiDigit) || !fields[1].All(char.IsAsciiDigit) || fields[2] != "*" || fields[3] != "*")
        {
            return false;
        }

        var weekday = (int)day;
        return fields[4] == "*" || fields[4].Split(',').Any(part => part.Split('-') switch
        {
            [var single] when int.TryParse(single, out var d) => d % 7 == weekday,
            [var from, var to] when int.TryParse(from, out var a) && int.TryParse(to, out var b) =>
                Enumerable.Range(a, Math.Max(0, b - a + 1)).Any(d => d % 7 == weekday),
            _ => false,
        });
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Demo date set: the domain clock says {Day}; triggered once at start: {Jobs}")]
    private static partial void Started(ILogger logger, string day, string jobs);
}
