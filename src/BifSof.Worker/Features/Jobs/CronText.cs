using System.Globalization;

namespace BifSof.Worker.Features.Jobs;

/// <summary>
/// A job's cron schedule in Danish words for "Planlagte job" ("hverdage kl. 07.30", "hvert 5. minut", "hvert minut").
/// The shapes the worker's jobs use are named; any other expression is shown as it is, so nothing is ever hidden.
/// </summary>
public static class CronText
{
    public static string Describe(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5 || f[2] != "*" || f[3] != "*")
        {
            return cron;
        }

        var (minute, hour, weekday) = (f[0], f[1], f[4]);
        if (hour == "*" && weekday == "*")
        {
            if (minute == "*")
            {
                return "hvert minut";
            }

            if (minute.StartsWith("*/", StringComparison.Ordinal) && Int(minute[2..]) is { } every and > 1 and < 60)
            {
                return $"hvert {every.ToString(CultureInfo.InvariantCulture)}. minut";
            }

            return cron;
        }

        if (Int(minute) is not { } m || m > 59 || Int(hour) is not { } h || h > 23)
        {
            return cron;
        }

        var at = $"kl. {h.ToString("00", CultureInfo.InvariantCulture)}.{m.ToString("00", CultureInfo.InvariantCulture)}";
        return weekday switch
        {
            "*" => $"hver dag {at}",
            "1-5" => $"hverdage {at}",
            _ => cron,
        };
    }

    private static int? Int(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
