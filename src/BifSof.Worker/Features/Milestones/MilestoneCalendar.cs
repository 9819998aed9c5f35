using System.Globalization;
using System.Text;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// An RFC 5545 calendar with one all-day event on the due date. The UID is the milestone's, and the sequence
/// grows with every new date, so a calendar updates the entry instead of adding one.
/// </summary>
public static class MilestoneCalendar
{
    public static byte[] Create(string milestoneId, string summary, string description, DateOnly due, int sequence, DateTimeOffset stamp)
    {
        var lines = new[]
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Koebenhavns Kommune//BifSofWorker//DA",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:milestone-{Escape(milestoneId)}@bifsof",
            string.Create(CultureInfo.InvariantCulture, $"SEQUENCE:{sequence}"),
            "DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            "DTSTART;VALUE=DATE:" + due.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            "DTEND;VALUE=DATE:" + due.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            "SUMMARY:" + Escape(summary),
            "DESCRIPTION:" + Escape(description),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
