using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// "Indlæsninger": per month whether both extracts are in and when the matching ran, and every file imported or
/// refused with its status, rows and errors (CPR values masked). Other features add a column each about the months
/// (<see cref="IMonthStatus"/>): whether the KPIs are computed, whether the digest holds the month back.
/// </summary>
internal sealed class ImportsPage(BifSofDbContext db, IEnumerable<IMonthStatus> statuses) : IDashboardPage
{
    public const string Path = "/indlaesninger";
    private const int FileLimit = 200;
    private const int ErrorLimit = 20;

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var files = await db.ExtractFiles.AsNoTracking().OrderByDescending(f => f.ImportedAt).ThenByDescending(f => f.Id).Take(FileLimit).ToListAsync(cancellationToken);
        var active = await db.ExtractFiles.AsNoTracking()
            .Where(f => db.ExtractMonths.Any(m => m.BifFileId == f.Id || m.SofFileId == f.Id))
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        var months = await db.ExtractMonths.AsNoTracking().OrderByDescending(m => m.Month).ToListAsync(cancellationToken);
        var columns = new List<(string Heading, IReadOnlyDictionary<DateOnly, MonthNote> Notes)>();
        foreach (var status in statuses)
        {
            columns.Add((status.Heading, await status.ReadAsync(request, cancellationToken)));
        }

        return new
        {
            Headings = columns.Select(c => c.Heading).ToList(),
            Months = months.Select(m => new
            {
                Name = DanishFormat.Month(m.Month.Year, m.Month.Month),
                Bif = FileCell(m.BifFileId, active),
                Sof = FileCell(m.SofFileId, active),
                Matched = m.MatchedAt is { } at ? DanishFormat.DateTime(at) : null,
                Shared = m.SharedCitizens is { } shared ? DanishFormat.Number(shared) : string.Empty,
                Notes = columns.Select(c => c.Notes.GetValueOrDefault(m.Month)).ToList(),
                Warning = columns.Any(c => c.Notes.GetValueOrDefault(m.Month)?.Warning == true),
            }).ToList(),
            Files = files.Select(f =>
            {
                var errors = f.ErrorCount == 0 || f.Errors is null ? [] : JsonSerializer.Deserialize<List<ImportError>>(f.Errors) ?? [];
                return new
                {
                    At = DanishFormat.DateTime(f.ImportedAt),
                    Name = f.FileName,
                    Source = f.Source?.ToUpperInvariant(),
                    Month = f.Month is { } m ? DanishFormat.Month(m.Year, m.Month) : string.Empty,
                    Status = f.Status switch
                    {
                        ImportReport.Imported => "indlæst",
                        ImportReport.Unchanged => "uændret",
                        _ => "afvist",
                    },
                    Css = f.Status switch
                    {
                        ImportReport.Imported => "success",
                        ImportReport.Unchanged => string.Empty,
                        _ => "danger",
                    },
                    Rows = DanishFormat.Number(f.Rows),
                    f.Encoding,
                    f.ErrorCount,
                    Errors = errors.Take(ErrorLimit).Select(e => new { e.Line, e.Column, e.Value, e.Message }).ToList(),
                    MoreErrors = errors.Count > ErrorLimit || f.ErrorCount > errors.Count,
                };
            }).ToList(),
        };
    }

    private static object? FileCell(long? id, Dictionary<long, ExtractFile> active) =>
        id is { } fileId && active.TryGetValue(fileId, out var file)
            ? new { Name = file.FileName, Rows = DanishFormat.Number(file.Rows), At = DanishFormat.DateTime(file.ImportedAt) }
            : null;
}
