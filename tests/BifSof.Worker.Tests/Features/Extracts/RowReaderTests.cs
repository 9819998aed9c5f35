using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>What a refused field's value in a report may show: never more of a CPR than its birth date.</summary>
public class RowReaderTests
{
    private static ImportError Refuse(string field, Func<RowReader, object?> check)
    {
        var report = new ImportReport { File = "bif_2010-01.csv" };
        var row = new RowReader(new Dictionary<string, int>(StringComparer.Ordinal) { ["team"] = 0 }, new CsvRecord(2, [field]), report);
        check(row);
        return Assert.Single(report.Errors);
    }

    [Theory]
    [InlineData(31)] // the cut at 40 characters leaves "73056739"
    [InlineData(30)] // … or "730567398"
    public void CheckFields_ShowsNoDigitOfACprPastItsBirthDate_WhenTheCutFallsInsideIt(int padding)
    {
        var error = Refuse(new string('x', padding) + "\n7305673988", row => row.CheckFields(["team"]));

        Assert.Contains("linjeskift", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"730567-?\d", error.Value!);
    }

    [Theory]
    [InlineData(31)] // the cut at 40 characters leaves "730567-39"
    [InlineData(30)] // … or "730567-398"
    public void Text_ShowsNoDigitOfACprPastItsBirthDate_WhenTheTooLongValueIsCutInsideIt(int padding)
    {
        var error = Refuse(new string('x', padding) + "730567-3988" + new string('y', 200), row => row.Text("team", required: true));

        Assert.Contains("højst 200 tegn", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"730567-?\d", error.Value!);
    }
}
