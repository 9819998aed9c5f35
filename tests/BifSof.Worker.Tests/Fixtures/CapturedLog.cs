using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Every log line a worker writes, at every level, with its exception, for tests that read the logs.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Line)> _entries = new();

    /// <summary>Level, category, message and exception of each line (the event id apart: its digits are not the line's).</summary>
    public IReadOnlyCollection<string> Lines => _entries.Select(entry => entry.Line).ToList();

    /// <summary>Each line with the id of its event.</summary>
    public IReadOnlyCollection<(int EventId, string Line)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(int EventId, string Line)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Id, $"{logLevel} {category}: {formatter(state, exception)} {exception}"));
    }
}
