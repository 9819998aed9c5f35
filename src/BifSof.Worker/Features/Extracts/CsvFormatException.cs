namespace BifSof.Worker.Features.Extracts;

/// <summary>The file is not CSV the reader can continue through (broken quoting, a record too long).</summary>
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

    public CsvFormatException(int line, int column, string message)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    /// <summary>The character on <see cref="Line"/> (from 1) where reading stopped, or 0 when the problem is the whole record.</summary>
    public int Column { get; }
}
