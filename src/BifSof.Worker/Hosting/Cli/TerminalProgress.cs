namespace BifSof.Worker.Hosting.Cli;

/// <summary>
/// One status line on stderr that a long verb redraws in place, and clears before it prints a result or ends. Drawn
/// only when stderr is a terminal; a log line written meanwhile clears it first (see <see cref="WorkerConsoleFormatter"/>).
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    private const string ClearLine = "\r\u001b[K";

    private static volatile bool s_drawn;

    private readonly TextWriter? _error;
    private readonly Lock _gate = new();

    public TerminalProgress(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _error = console.ShowsProgress ? console.Error : null;
    }

    /// <summary>What a log line must start with to land on a clean line: the clearing sequence while a line is drawn.</summary>
    public static string LogLinePrefix => s_drawn ? ClearLine : string.Empty;

    public void Report(string text)
    {
        if (_error is null)
        {
            return;
        }

        lock (_gate)
        {
            _error.Write(ClearLine + text);
            _error.Flush();
            s_drawn = true;
        }
    }

    public void Clear()
    {
        if (_error is null)
        {
            return;
        }

        lock (_gate)
        {
            if (s_drawn)
            {
                _error.Write(ClearLine);
                _error.Flush();
                s_drawn = false;
            }
        }
    }

    public void Dispose() => Clear();
}
