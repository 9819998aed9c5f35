using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Digest;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// "Indlæsninger": per month whether both extracts are in and when the matching ran, and every file imported or
/// refused with its status, rows and errors (CPR values masked). A month whose shared citizens moved too much is marked,
/// and an admin confirms it here so its digests go out (<see cref="DigestHolds"/>).
/// </summary>
internal sealed class ImportsPage(BifSofDbContext db, DigestHolds holds) : IDashboardPage
{
    public const string Path = "/indlaesninger";
    private const int FileLimit = 200;
    private const int ErrorLimit = 20;

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var files = await db.ExtractFiles.AsNoTracking().OrderByDescending(f => f.Id).Take(FileLimit).ToListAsync(cancellationToken);
        var active = await db.ExtractFiles.AsNoTracking()
            .Where(f => db.ExtractMonths.Any(m => m.BifFileId == f.Id || m.SofFileId == f.Id))
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        var months = await db.ExtractMonths.AsNoTracking().OrderByDescending(m => m.Month).ToListAsync(cancellationToken);
        var stale = (await db.Set<Kpis.KpiStaleMonth>().AsNoTracking().Select(s => s.Month).ToListAsync(cancellationToken)).ToHashSet();
        var reviews = (await holds.EvaluateAsync(cancellationToken)).Where(h => h.Reason is not null).ToDictionary(h => h.Month);
        return new
        {
            Months = months.Select(m => new
            {
                Name = DanishFormat.Month(m.Month.Year, m.Month.Month),
                Bif = FileCell(m.BifFileId, active),
                Sof = FileCell(m.SofFileId, active),
                Matched = m.MatchedAt is { } at ? DanishFormat.DateTime(at) : null,
                Shared = m.SharedCitizens is { } shared ? DanishFormat.Number(shared) : string.Empty,
                Kpis = stale.Contains(m.Month) ? "skal beregnes" : "beregnet",
                Hold = reviews.TryGetValue(m.Month, out var hold)
                    ? new
                    {
                        hold.Held,
                        hold.Reason,
                        Confirmed = hold.ConfirmedAt is { } confirmedAt ? $"bekræftet af {hold.ConfirmedBy}, {DanishFormat.DateTime(confirmedAt)}" : null,
                        Confirm = request.Url($"{Path}/bekraeft/{ExtractValues.FormatMonth(m.Month)}"),
                    }
                    : null,
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
