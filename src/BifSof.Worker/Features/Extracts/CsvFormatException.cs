namespace BifSof.Worker.Features.Extracts;

/// <summary>The file is not CSV the reader can continue through (an unterminated quote).</summary>
public sealed class CsvFormatException : Exception
{
    public CsvFormatException()
    {
    }

    public CsvFormatException(string message)
        : base(message)
    {
    }

    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CsvFormatException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public int Line { get; }
}
