using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace BifSof.Worker.Hosting;

/// <summary>
/// The worker's log lines on stderr, one per event: <c>2010-03-03 07:00:01+01:00 info: Category[id] message</c>.
/// Times and dates in the message are ISO 8601 (the invariant culture would write 03/03/2010). A progress line that
/// a verb draws on the terminal is cleared first.
/// </summary>
/// <remarks>
/// One event is left out on purpose: the EF Core provider for PostgreSQL reads the migrations history before it
/// knows whether the table exists and logs the "relation does not exist" of a fresh database as a failed command,
/// although the migration then creates the table and succeeds (npgsql/efcore.pg#3407). Only exactly that is
/// dropped: the failed-command event for a SELECT from the history table. The provider catches only "table does not
/// exist" there (and the event carries no exception to tell), so any other failure of that SELECT still stops the
/// migration and is reported as a start-up error; every other failed command is written as usual.
/// </remarks>
internal sealed class WorkerConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bifsof";

    private const string OriginalFormat = "{OriginalFormat}";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        if (IsMigrationHistoryProbe(logEntry.Category, logEntry.EventId, logEntry.State))
        {
            return;
        }

        var message = (logEntry.State as IReadOnlyList<KeyValuePair<string, object?>> is { } values ? WithIsoDates(values) : null)
            ?? logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var line = new StringBuilder(Cli.TerminalProgress.LogLinePrefix)
            .Append(TimeProvider.System.GetLocalNow().ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(Level(logEntry.LogLevel))
            .Append(": ")
            .Append(logEntry.Category)
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ")
            .Append(OneLine(message));
        if (logEntry.Exception is not null)
        {
            line.Append(' ').Append(OneLine(logEntry.Exception.ToString()));
        }

        textWriter.WriteLine(line.ToString());
    }

    /// <summary>The message with its date and time values in ISO 8601, or null when it has none (or cannot be re-read).</summary>
    internal static string? WithIsoDates(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var template = values.FirstOrDefault(v => v.Key == OriginalFormat).Value as string;
        var arguments = values.Where(v => v.Key != OriginalFormat).Select(v => v.Value).ToArray();
        if (template is null || !arguments.Any(a => a is DateOnly or DateTime or DateTimeOffset))
        {
            return null;
        }

        // A message template names its holes ({Day}); string.Format numbers them ({0}), in the same order.
        var format = new StringBuilder();
        var hole = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                format.Append(c).Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = template.IndexOf('}', i);
                if (end < 0 || hole >= arguments.Length)
                {
                    return null;
                }

                var name = template.AsSpan(i + 1, end - i - 1);
                var spec = name.IndexOfAny(',', ':') is var at and >= 0 ? name[at..].ToString() : string.Empty;
                if (!spec.Contains(':', StringComparison.Ordinal))
                {
                    arguments[hole] = Iso(arguments[hole]);
                }

                format.Append('{').Append(hole.ToString(CultureInfo.InvariantCulture)).Append(spec).Append('}');
                hole++;
                i = end;
            }
            else if (c == '}')
            {
                return null;
            }
            else
            {
                format.Append(c);
            }
        }

        return hole == arguments.Length ? string.Format(CultureInfo.InvariantCulture, format.ToString(), arguments) : null;
    }

    internal static bool IsMigrationHistoryProbe(string category, EventId eventId, object? state) =>
        category == "Microsoft.EntityFrameworkCore.Database.Command"
        && eventId.Id == 20102 // RelationalEventId.CommandError
        && state is IEnumerable<KeyValuePair<string, object?>> values
        && values.Any(v => v.Key == "commandText" && v.Value is string sql
            && sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && sql.Contains("__ef_migrations_history", StringComparison.Ordinal));

    private static object? Iso(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
