using System.Buffers;
using System.Runtime.CompilerServices;
namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Reads the fields of one record by column name and collects every problem, so a report lists all of a row's
/// errors rather than the first. Every field of every row passes here once, in a process that often imports one file and
/// ends: the methods a row calls are compiled fully optimised at once (AggressiveOptimization), rather than first as
/// quick tier-0 code, which took a large part of an import's reading time.
/// </summary>
internal sealed class RowReader(IReadOnlyDictionary<string, int> columns, CsvRecord record, ImportReport report)
{
    public const int MaxTextLength = 200;

    public bool Failed { get; private set; }

    /// <summary>The row's CPR as ten digits once <see cref="Cpr"/> has read a valid one.</summary>
    public string? CprDigits { get; private set; }

    public int Line => record.Line;

    /// <summary>The field's trimmed text, or null when the column is absent or the field empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Raw(string column) =>
        columns.TryGetValue(column, out var index) && index < record.Fields.Count && record.Fields[index].Trim() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>How much of a refused value a report shows: enough to find it, cut only after it was scrubbed.</summary>
    public const int MaxShownLength = 40;

    /// <summary>Reports the field's problem; <paramref name="value"/> is scrubbed of CPRs and only then cut.</summary>
    public void Fail(string column, string? value, string message, int maxShown = int.MaxValue)
    {
        Failed = true;
        report.AddError(new ImportError(record.Line, column, value is null ? null : ExtractValues.Scrub(value, maxShown), message));
    }

    /// <summary>
    /// Checks every field of the record for what no field may hold: a line break (a quote was left open, so the record
    /// swallowed the next line), another control character, or a CPR-shaped number outside the <c>cpr</c> column (it
    /// would be stored in plain text, and shown). Returns false when the record is refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CheckFields(IReadOnlyList<string> names)
    {
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var column = i < names.Count ? names[i] : null;
            if (field.Contains('\n', StringComparison.Ordinal) || field.Contains('\r', StringComparison.Ordinal))
            {
                Fail(column!, field, "feltet indeholder et linjeskift: der mangler sikkert et afsluttende anførselstegn", MaxShownLength);
            }
            else if (HasControl(field))
            {
                Fail(column!, field, "feltet indeholder et kontroltegn");
            }
            else if (column != "cpr" && ExtractValues.ContainsCpr(field))
            {
                Fail(column!, field, "feltet ligner et CPR-nummer; CPR-numre hører kun til i kolonnen cpr");
            }
        }

        return !Failed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasControl(string field) => field.AsSpan().ContainsAny(Controls);

    // char.IsControl but the tab: U+0000–U+001F and U+007F–U+009F, searched for in one vectorised pass.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c != '\t')]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Text(string column, bool required, int maxLength = MaxTextLength)
    {
        var value = Raw(column);
        if (value is null)
        {
            if (required)
            {
                Fail(column, null, "feltet skal udfyldes");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(column, value, $"højst {maxLength} tegn (har {value.Length})", MaxShownLength);
            return null;
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateOnly? Date(string column, bool required)
    {
        var value = Text(column, required);
        if (value is null)
        {
            return null;
        }

        if (ExtractValues.TryParseDate(value, out var date))
        {
            return date;
        }

        Fail(column, value, "ikke en dato (brug åååå-mm-dd, dd-mm-åååå eller dd.mm.åååå)");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool? Boolean(string column, bool required)
    {
        var value = Text(column, required);
        if (value is null)
        {
            return null;
        }

        if (ExtractValues.TryParseBoolean(value, out var result))
        {
            return result;
        }

        Fail(column, value, "ikke ja/nej (brug ja, nej, j, n, 1, 0, true eller false)");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? OneOf(string column, bool required, IReadOnlyCollection<string> allowed)
    {
        var value = Text(column, required);
        if (value is null)
        {
            return null;
        }

        string? match = null;
        foreach (var a in allowed)
        {
            if (string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            {
                match = a;
                break;
            }
        }

        if (match is null)
        {
            Fail(column, value, $"ukendt værdi (tilladt: {string.Join(", ", allowed)})");
        }

        return match;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int? Integer(string column, bool required, int min, int max)
    {
        var value = Text(column, required);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Fail(column, value, $"skal være et helt tal fra {min} til {max}");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal? Number(string column, bool required, decimal min, decimal max)
    {
        var value = Text(column, required);
        if (value is null)
        {
            return null;
        }

        if (ExtractValues.TryParseNumber(value, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Fail(column, value, $"skal være et tal fra {min} til {max}");
        return null;
    }

    /// <summary>The CPR as ten digits; the value in an error is masked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Cpr(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            Fail(column, null, "feltet skal udfyldes");
            return null;
        }

        if (ExtractValues.TryParseCpr(value, out var digits, out var problem))
        {
            CprDigits = digits;
            return digits;
        }

        Fail(column, ExtractValues.MaskCpr(value), problem!);
        return null;
    }
}
