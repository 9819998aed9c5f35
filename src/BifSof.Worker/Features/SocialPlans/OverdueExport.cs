using System.Globalization;
using System.Text;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The overdue list as CSV for Danish Excel (as the KPI export: UTF-8 with BOM, <c>;</c> between fields), in the
/// list's order. Case numbers only.
/// </summary>
public static class OverdueExport
{
    private static readonly string[] Header =
        ["sof-sagsnummer", "center", "team", "team-e-mail", "mangler", "frist", "dage over frist", "grøn linie"];

    public static string ToCsv(IEnumerable<OverdueCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var csv = new StringBuilder("\uFEFF");
        csv.AppendJoin(';', Header).Append("\r\n");
        foreach (var c in cases)
        {
            csv.AppendJoin(
                ';',
                Field(c.SofCaseNumber),
                Field(c.Centre),
                Field(c.Team),
                Field(c.TeamEmail),
                OverdueKindNames.Danish(c.Kind),
                c.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.DaysOverdue.ToString(CultureInfo.InvariantCulture),
                c.GreenLine ? "ja" : "nej").Append("\r\n");
        }

        return csv.ToString();
    }

    // Team names may hold the separator or quotes (the demo's 'Team "Øst"; akut'): quote as RFC 4180 says. A text
    // that Excel would take for a formula gets a leading apostrophe, so opening the file runs nothing.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
