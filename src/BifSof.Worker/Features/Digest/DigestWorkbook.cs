using System.Data;
using System.Globalization;
using BifSof.Worker.Features.Kpis;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// The digests' Excel workbooks (.xlsx): a centre's entry/exit list and gross list, and management's one sheet per
/// centre. Case numbers, team, target group and dates as real dates; never a CPR number or a pseudonym.
/// </summary>
public static class DigestWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string EntryExitSheet = "Til- og afgang";
    public const string GrossSheet = "Bruttoliste";
    public const string OverviewSheet = "Centre";

    private const string Movement = "Til/afgang";
    private const string DateFormat = "dd-mm-yyyy";
    private static readonly string[] DateColumns = ["Handleplan tilbudt", "Handleplan udarbejdet", "Næste opfølgning"];

    /// <summary>A centre's workbook: who came and went since the month before, and every shared citizen of the month.</summary>
    public static byte[] Centre(IReadOnlyList<CaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var entriesExits = Table(rows.Where(r => r.Movement.Length > 0));
        using var gross = Table(rows.Where(r => r.Movement != CaseRow.Exit));
        return Save(new Dictionary<string, object> { [EntryExitSheet] = entriesExits, [GrossSheet] = gross });
    }

    /// <summary>Management's workbook: the centres' figures side by side, then a sheet per centre with its list.</summary>
    public static byte[] Management(IReadOnlyList<CentreView> centres, IReadOnlyList<CaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(rows);
        var tables = new List<DataTable>();
        try
        {
            var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
            var overview = new DataTable { Locale = CultureInfo.InvariantCulture };
            tables.Add(overview);
            foreach (var column in new[] { "Center", "Fællesborgere", "Tilgang", "Afgang", "Handleplaner tilbudt i år", "Handleplaner udarbejdet i år", "Handleplaner over frist" })
            {
                overview.Columns.Add(column, typeof(string));
            }

            foreach (var c in centres)
            {
                overview.Rows.Add(c.Name, c.Shared, c.Entries, c.Exits, c.Offered, c.Produced, c.OverdueTotal);
            }

            sheets[OverviewSheet] = overview;
            var byCentre = rows.ToLookup(r => r.Centre, StringComparer.Ordinal);
            foreach (var centre in centres)
            {
                var table = Table(byCentre[centre.Name]);
                tables.Add(table);
                sheets[SheetName(centre.Name, sheets.Keys)] = table;
            }

            return Save(sheets);
        }
        finally
        {
            tables.ForEach(t => t.Dispose());
        }
    }

    /// <summary>
    /// An Excel sheet name for a centre: at most 31 characters, none of <c>: \ / ? * [ ]</c>, no apostrophe at either end,
    /// unique in the workbook (a number added when two centres would share one).
    /// </summary>
    public static string SheetName(string centre, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var clean = new string(centre.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? '-' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Center";
        }

        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; used.Contains(name); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }

    private static DataTable Table(IEnumerable<CaseRow> rows)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add(Movement, typeof(string));
        table.Columns.Add("SOF-sagsnr.", typeof(string));
        table.Columns.Add("BIF-sagsnr.", typeof(string));
        table.Columns.Add("Team", typeof(string));
        table.Columns.Add("Målgruppe", typeof(string));
        table.Columns.Add("Matchgruppe", typeof(int));
        table.Columns.Add(DateColumns[0], typeof(DateTime));
        table.Columns.Add(DateColumns[1], typeof(DateTime));
        table.Columns.Add("Type", typeof(string));
        table.Columns.Add(DateColumns[2], typeof(DateTime));
        table.Columns.Add("Grøn linie", typeof(string));
        foreach (var r in rows)
        {
            table.Rows.Add(
                r.Movement,
                r.SofCaseNumber,
                r.BifCaseNumber,
                r.Team,
                TargetGroups.Name(r.TargetGroup),
                r.MatchGroup,
                Date(r.PlanOffered),
                Date(r.PlanProduced),
                r.PlanType ?? string.Empty,
                Date(r.PlanFollowUp),
                r.GreenLine ? "ja" : "nej");
        }

        return table;
    }

    private static object Date(DateOnly? date) => date is { } d ? d.ToDateTime(TimeOnly.MinValue) : DBNull.Value;

    private static byte[] Save(Dictionary<string, object> sheets)
    {
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. DateColumns.Select(c => new MiniExcelLibs.Attributes.DynamicExcelColumn(c) { Format = DateFormat, Width = 14 })],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }
}
