using System.Runtime.CompilerServices;
using System.Globalization;

namespace BifSof.Worker.Features.Extracts;

/// <summary>The value forms of the extract contract (docs/extracts.md), each parsed or refused with a Danish reason.</summary>
public static partial class ExtractValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    /// <summary>A CPR number as ten digits (<c>ddmmyyssss</c> or <c>ddmmyy-ssss</c>), whose first six are a real date
    /// (day + 60 allowed for replacement numbers). No modulus-11 check: not guaranteed since 2007.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseCpr(string value, out string digits, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        digits = value.Length == 11 && value[6] == '-' ? string.Concat(value.AsSpan(0, 6), value.AsSpan(7)) : value;
        if (digits.Length != 10 || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            problem = "CPR-nummeret skal have 10 cifre (ddmmååxxxx eller ddmmåå-xxxx)";
            return false;
        }

        var day = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var year = int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (day > 60)
        {
            day -= 60;
        }

        // The century is in the sequence digits; the date is real if it exists in either century.
        var real = month is >= 1 and <= 12 && day >= 1
            && (day <= DateTime.DaysInMonth(1900 + year, month) || day <= DateTime.DaysInMonth(2000 + year, month));
        problem = real ? null : "CPR-nummerets første seks cifre er ikke en gyldig dato";
        return real;
    }

    /// <summary>
    /// What a report may show of a CPR value: its first six digits when it has ten (the birth date), else nothing; so a
    /// CPR that lost its leading zero in a spreadsheet does not give away a seventh digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string MaskCpr(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 10 && !value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            // The stored rows' case: ten digits, nothing to strip.
            return string.Concat(value.AsSpan(0, 6), "-****");
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 10 ? digits[..6] + "-****" : "****";
    }

    /// <summary>True when the text holds something shaped like a CPR number: ten digits, or six, a hyphen and four,
    /// whose first six are a date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ContainsCpr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Every row's every field passes here: most hold fewer than ten digits, which no CPR shape can.
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        if (digits < 10)
        {
            return false;
        }

        foreach (var match in CprShape().EnumerateMatches(text))
        {
            if (TryParseCpr(text.Substring(match.Index, match.Length), out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A value as a report may show it: every part that could be a CPR or the start of one masked, control characters
    /// replaced, and only then cut to <paramref name="maxLength"/>, so a cut never leaves the beginning of a CPR
    /// unmasked. A part is a run of six or more digits (a hyphen and more digits allowed after it) with a CPR-shaped date
    /// at any position: digits in front of a CPR (<c>12</c> + <c>310567-3998</c>) do not hide it. A run whose first six
    /// digits are the date keeps them, as <see cref="MaskCpr"/> does; any other run is masked whole. Every value that goes
    /// into a report passes here, whichever column it came from, since a misaligned row can put a CPR anywhere.
    /// </summary>
    public static string Scrub(string value, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var masked = CprStart().Replace(value, m =>
        {
            var digits = string.Concat(m.Value.Where(char.IsAsciiDigit));
            if (IsDate(digits.AsSpan(0, 6)))
            {
                return MaskCpr(m.Value);
            }

            for (var start = 1; start + 6 <= digits.Length; start++)
            {
                if (IsDate(digits.AsSpan(start, 6)))
                {
                    return "****";
                }
            }

            return m.Value;
        });
        var scrubbed = string.Concat(masked.Select(c => char.IsControl(c) ? '?' : c));
        return scrubbed.Length > maxLength ? scrubbed[..maxLength] : scrubbed;
    }

    /// <summary>True when six digits are a CPR's first six: a day (or day + 60), month and two-digit year.</summary>
    private static bool IsDate(ReadOnlySpan<char> six) => TryParseCpr(string.Concat(six, "0000"), out _, out _);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)\d{6,}(?:-\d+)?(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex CprStart();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex CprShape();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(string value, out DateOnly date) =>
        // The form nearly every row uses, read directly; anything else (or a date that does not exist) the general way,
        // which gives the same answer for this form too.
        (value.Length == 10 && value[4] == '-' && value[7] == '-' && TryIsoDate(value.AsSpan(0, 4), value.AsSpan(5, 2), value.AsSpan(8, 2), out date))
        || DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseBoolean(string value, out bool result)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan();
        // ASCII letters only, as the lower-casing before did (no other letter lower-cases to a letter of these words).
        if (System.Text.Ascii.EqualsIgnoreCase(text, "ja") || System.Text.Ascii.EqualsIgnoreCase(text, "j")
            || text.Equals("1", StringComparison.Ordinal) || System.Text.Ascii.EqualsIgnoreCase(text, "true"))
        {
            result = true;
            return true;
        }

        result = false;
        return System.Text.Ascii.EqualsIgnoreCase(text, "nej") || System.Text.Ascii.EqualsIgnoreCase(text, "n")
            || text.Equals("0", StringComparison.Ordinal) || System.Text.Ascii.EqualsIgnoreCase(text, "false");
    }

    /// <summary>A month as <c>YYYY-MM</c>, returned as its first day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseMonth(string value, out DateOnly month) =>
        (value.Length == 7 && value[4] == '-' && TryIsoDate(value.AsSpan(0, 4), value.AsSpan(5, 2), "01", out month))
        || DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    /// <summary>Four, two and two ASCII digits that make a date that exists; false for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryIsoDate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day, out DateOnly date)
    {
        date = default;
        if (year.ContainsAnyExceptInRange('0', '9') || month.ContainsAnyExceptInRange('0', '9') || day.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        int y = ((year[0] - '0') * 1000) + ((year[1] - '0') * 100) + ((year[2] - '0') * 10) + (year[3] - '0');
        int m = ((month[0] - '0') * 10) + (month[1] - '0');
        int d = ((day[0] - '0') * 10) + (day[1] - '0');
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>A number with a decimal point or comma.</summary>
    public static bool TryParseNumber(string value, out decimal number) =>
        decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

    public static string FormatMonth(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
