using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

public class CsvReaderTests
{
    private static List<CsvRecord> ReadAll(string text)
    {
        var reader = new CsvReader(new StringReader(text));
        var records = new List<CsvRecord>();
        while (reader.Read() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public void Read_SplitsOnSemicolons_AndKeepsEmptyFields()
    {
        var record = Assert.Single(ReadAll("a;;c;\n"));
        Assert.Equal(["a", "", "c", ""], record.Fields);
    }

    [Fact]
    public void Read_KeepsSeparatorsAndDoubledQuotesInsideQuotes()
    {
        var record = Assert.Single(ReadAll("\"Team \"\"Øst\"\"; akut\";x\n"));
        Assert.Equal(["Team \"Øst\"; akut", "x"], record.Fields);
    }

    [Fact]
    public void Read_TreatsCrlfAndLfAlike()
    {
        var records = ReadAll("h1;h2\r\na;b\r\nc;d\ne;f");
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
        Assert.Equal(["e", "f"], records[3].Fields);
    }

    [Fact]
    public void Read_NumbersRecordsByTheirFirstLine_WhenAQuotedFieldSpansLines()
    {
        var records = ReadAll("h\n\"line one\nline two\";x\nnext;y\n");
        Assert.Equal("line one\nline two", records[1].Fields[0]);
        Assert.Equal((2, 4), (records[1].Line, records[2].Line));
    }

    [Fact]
    public void Read_SkipsBlankLines_ButCountsThem()
    {
        var records = ReadAll("h\n\na\r\n\r\nb\n");
        Assert.Equal([(1, "h"), (3, "a"), (5, "b")], records.Select(r => (r.Line, r.Fields[0])));
    }

    [Fact]
    public void Read_NamesTheLine_WhenAQuoteIsNeverClosed()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("h\na;b\n\"open;c\nd\n"));
        Assert.Equal(3, ex.Line);
    }
}
