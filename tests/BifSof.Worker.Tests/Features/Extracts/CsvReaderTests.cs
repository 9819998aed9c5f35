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

    /// <summary>
    /// One endless line of the given text, counting how many characters the reader took from it. It gives up at 64
    /// times the bound, so a reader that keeps going fails this test instead of exhausting the test host's memory.
    /// </summary>
    private sealed class EndlessLine(string pattern) : TextReader
    {
        public long Taken { get; private set; }

        public override int Peek() => pattern[(int)(Taken % pattern.Length)];

        public override int Read() => Taken < 64L * CsvReader.MaxRecordLength
            ? pattern[(int)(Taken++ % pattern.Length)]
            : throw new InvalidOperationException($"the reader took {Taken} characters of one line");
    }

    [Theory]
    [InlineData(";")]
    [InlineData("a;")]
    public void Read_RefusesALineOverTheMaximumLength_BeforeReadingTheRestOfIt(string pattern)
    {
        var line = new EndlessLine(pattern);
        var reader = new CsvReader(line);

        var ex = Assert.Throws<CsvFormatException>(() => reader.Read());

        Assert.Equal(1, ex.Line);
        Assert.InRange(line.Taken, CsvReader.MaxRecordLength, CsvReader.MaxRecordLength + 2);
    }

    [Fact]
    public void Read_KeepsNoMoreFieldsThanTheHeaderAllows_ButCountsTheLinesFields()
    {
        var reader = new CsvReader(new StringReader("h1;h2;h3\n" + string.Concat(Enumerable.Repeat("a;", 50_000)) + "a\nx;y;z\n"));
        reader.Read();
        reader.MaxFields = 3;

        var wide = reader.Read()!;
        var next = reader.Read()!;

        Assert.Equal((3, 50_001), (wide.Fields.Count, wide.FieldCount));
        Assert.Equal((3, "x|y|z"), (next.Line, string.Join('|', next.Fields)));
    }

    [Theory]
    [InlineData("h\nx;\"a\"b;c\n", 2, 6)]
    [InlineData("h\n\"a\nb\" c\n", 3, 3)]
    public void Read_RefusesTextAfterAClosingQuote_NamingLineAndColumn(string text, int line, int column)
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll(text));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains($"tegn {column}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAQuoteInsideAnUnquotedField_NamingLineAndColumn()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("h\r\nok;ab\"c;d\r\n"));
        Assert.Equal((2, 6), (ex.Line, ex.Column));
    }

    [Fact]
    public void Read_KeepsFieldsWhole_AcrossTheReadersBlocks()
    {
        // Plain runs are copied in blocks of the reader's buffer (16,384 characters): fields that cross its edges, a field
        // of exactly the maximum length, and a lone CR inside a field all come out as written.
        var longest = new string('x', CsvReader.MaxFieldLength);
        var wide = new string('y', 20_000);
        var text = $"h1;h2;h3\n{wide};a\rb;{longest}\nq;\"{wide}\";z\r\n";

        var records = ReadAll(text);

        Assert.Equal(3, records.Count);
        Assert.Equal([wide, "a\rb", longest], records[1].Fields);
        Assert.Equal(["q", wide, "z"], records[2].Fields);
        Assert.Equal((2, 3), (records[1].Line, records[2].Line));
    }

    [Fact]
    public void Read_RefusesAFieldOneOverTheMaximumLength_NamingItsLine()
    {
        var text = $"h1;h2\nok;ok\na;{new string('x', CsvReader.MaxFieldLength + 1)}\n";

        var ex = Assert.Throws<CsvFormatException>(() => ReadAll(text));

        Assert.Equal(3, ex.Line);
        Assert.Contains("65.536 tegn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheColumnOfAQuote_AfterALongPlainRun()
    {
        var text = $"h\n{new string('a', 20_000)}\"b\n";

        var ex = Assert.Throws<CsvFormatException>(() => ReadAll(text));

        Assert.Equal((2, 20_001), (ex.Line, ex.Column));
    }
}
