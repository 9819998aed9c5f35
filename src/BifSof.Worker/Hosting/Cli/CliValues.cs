using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Hosting.Cli;

/// <summary>
/// Arguments and options whose values need checking. A bad value is a parse error, so it is refused (exit 2) with
/// the reason before any service starts or the database is touched.
/// </summary>
internal static class CliValues
{
    public static Argument<DateOnly> Month(string description) => new("YYYY-MM")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (ExtractValues.TryParseMonth(text, out var month))
            {
                return month;
            }

            result.AddError($"'{text}' is not a month: write YYYY-MM, e.g. 2010-03.");
            return default;
        },
    };

    public static Option<DateOnly?> AsOf(string description) => new("--as-of")
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"--as-of: '{text}' is not a date: write YYYY-MM-DD, e.g. 2010-03-03.");
            return null;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; the error says which and why.</summary>
    public static Option<int> Number(string name, string helpName, string description, int min, int max, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            var range = string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
            result.AddError(int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? $"{name}: {text} is out of range: use a whole number from {range}."
                : $"{name}: '{text}' is not a whole number: use one from {range}.");
            return defaultValue;
        },
    };
}
