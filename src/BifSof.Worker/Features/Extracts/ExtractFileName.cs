using System.Text.RegularExpressions;

namespace BifSof.Worker.Features.Extracts;

/// <summary>What a file name says: <c>bif_2010-03.csv</c> → BIF, March 2010. Either part may be missing.</summary>
internal static partial class ExtractFileName
{
    public static (ExtractSource? Source, DateOnly? Month) Parse(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        ExtractSource? source = name.StartsWith("bif", StringComparison.OrdinalIgnoreCase) ? ExtractSource.Bif
            : name.StartsWith("sof", StringComparison.OrdinalIgnoreCase) ? ExtractSource.Sof
            : null;
        var match = MonthPattern().Match(name);
        DateOnly? month = match.Success && ExtractValues.TryParseMonth(match.Value, out var parsed) ? parsed : null;
        return (source, month);
    }

    [GeneratedRegex(@"(19|20)\d\d-(0[1-9]|1[0-2])")]
    private static partial Regex MonthPattern();
}
