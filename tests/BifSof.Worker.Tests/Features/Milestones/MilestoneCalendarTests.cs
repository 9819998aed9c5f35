using System.Text;
using BifSof.Worker.Features.Milestones;

namespace BifSof.Worker.Tests.Features.Milestones;

public class MilestoneCalendarTests
{
    private static string Create(string summary = "Frist: Grøn linie", string description = "Initiativ 1.2c") =>
        Encoding.UTF8.GetString(MilestoneCalendar.Create("1.2c-groen", summary, description, new DateOnly(2010, 3, 17), 2, new DateTimeOffset(2010, 3, 3, 6, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Create_WritesAnAllDayEventOnTheDueDate()
    {
        var ics = Create();
        Assert.Contains("DTSTART;VALUE=DATE:20100317\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20100318\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("UID:milestone-1.2c-groen@bifsof\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:2\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20100303T060000Z\r\n", ics, StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EscapesCommasSemicolonsAndNewlines()
    {
        var ics = Create(description: "Ansvarlig: SOF; BIF, OKF\nnæste linje");
        Assert.Contains(@"DESCRIPTION:Ansvarlig: SOF\; BIF\, OKF\nnæste linje", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FoldsLinesAtSeventyFiveOctets_WithoutSplittingALetter()
    {
        var ics = Create(summary: "Frist: " + string.Concat(Enumerable.Repeat("æøå ", 40)));
        foreach (var line in ics.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"too long: {line}");
        }

        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Frist: " + string.Concat(Enumerable.Repeat("æøå ", 40)).TrimEnd(), unfolded, StringComparison.Ordinal);
    }
}
