using System.Globalization;

namespace BifSof.Worker.Common;

/// <summary>
/// Danish output with explicit patterns. The process runs with invariant globalization, so nothing here may
/// depend on the machine's culture data: month names and separators are spelled out.
/// </summary>
public static class DanishFormat
{
    private static readonly string[] MonthNames =
    [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ];

    /// <summary>Formats a date as <c>17. marts 2010</c>.</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {MonthNames[date.Month - 1]} {date.Year}");

    /// <summary>Formats a month as <c>marts 2010</c>.</summary>
    public static string Month(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{MonthNames[month - 1]} {year}");

    /// <summary>Formats a moment in Copenhagen time as <c>17. marts 2010 kl. 08.05</c>.</summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Copenhagen.TimeZone);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Date(DateOnly.FromDateTime(local.DateTime))} kl. {local.Hour:00}.{local.Minute:00}");
    }

    /// <summary>Formats a fraction as a percentage with one decimal: 0.374 gives <c>37,4 %</c>.</summary>
    public static string Percent(decimal fraction, int decimals = 1) =>
        Number(Math.Round(fraction * 100m, decimals, MidpointRounding.AwayFromZero), decimals) + " %";

    /// <summary>
    /// A rate beside its target, with as many decimals (one to three) as it takes for the figure not to contradict the
    /// mark: 0.4996 against 0.50 gives <c>49,96 %</c>, not a "behind" <c>50,0 %</c>.
    /// </summary>
    public static string PercentAgainst(decimal fraction, decimal target)
    {
        for (var decimals = 1; decimals < 3; decimals++)
        {
            if (fraction == target || Percent(fraction, decimals) != Percent(target, decimals))
            {
                return Percent(fraction, decimals);
            }
        }

        return Percent(fraction, 3);
    }

    /// <summary>Formats a number with Danish separators: 1234.5 gives <c>1.234,5</c>.</summary>
    public static string Number(decimal value, int decimals = 0)
    {
        var text = Math.Round(value, decimals, MidpointRounding.AwayFromZero)
            .ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture)
            .TrimEnd('.');
        // Swap the invariant separators for Danish ones in one pass.
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch { ',' => '.', '.' => ',', var c => c };
            }
        });
    }
}
