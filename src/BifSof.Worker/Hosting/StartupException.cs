namespace BifSof.Worker.Hosting;

/// <summary>The process cannot start; each line names the setting, or the file and line, that is wrong.</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
        Lines = [];
    }

    public StartupException(string message)
        : base(message)
    {
        Lines = [message];
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
        Lines = [message];
    }

    public StartupException(IEnumerable<string> lines)
        : this(lines.ToList())
    {
    }

    private StartupException(List<string> lines)
        : base(string.Join(Environment.NewLine, lines))
    {
        Lines = lines;
    }

    public IReadOnlyList<string> Lines { get; }
}
