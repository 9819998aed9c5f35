using System.Globalization;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Data;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// The <c>import-inbox</c> job: imports every extract dropped into the inbox, oldest name first, and moves each to
/// <c>archive/</c> (imported or unchanged) or <c>rejected/</c> with <c>NAME.report.json</c> beside it. A crash
/// between import and move is harmless: the next run finds the same bytes <c>unchanged</c> and moves them on.
/// </summary>
public sealed class ImportInboxJob(ExtractImporter importer, IOptions<ExtractOptions> options, ILogger<ImportInboxJob> logger) : IWorkerJob
{
    [JobDisplayName("Indlæs udtræk fra indbakken")]
    [AutomaticRetry(Attempts = 2)]
    [OneRunAtATime(timeoutInSeconds: 600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var inbox = Path.GetFullPath(options.Value.InboxPath);
        Directory.CreateDirectory(inbox);
        var minimumAge = TimeSpan.FromSeconds(options.Value.MinimumFileAgeSeconds);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = 0;
        foreach (var path in Directory.EnumerateFiles(inbox, "*.csv").Order(StringComparer.Ordinal))
        {
            // Wall clock: whether a file is still being written has nothing to do with a replayed business day.
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < minimumAge)
            {
                waiting++;
                continue;
            }

            var report = await importer.ImportAsync(path, cancellationToken);
            var folder = Path.Combine(inbox, report.Status == ImportReport.Rejected ? "rejected" : "archive");
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}_{Path.GetFileName(path)}");
            await File.WriteAllTextAsync(target + ".report.json", JsonSerializer.Serialize(report, JsonOutput.Indented), cancellationToken);
            File.Move(path, target);
            var (fileName, folderName) = (Path.GetFileName(path), Path.GetFileName(folder));
            ExtractLog.Moved(logger, fileName, folderName);
            counts[report.Status] = counts.GetValueOrDefault(report.Status) + 1;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"indlæst {DanishFormat.Number(counts.GetValueOrDefault(ImportReport.Imported))}, uændret {DanishFormat.Number(counts.GetValueOrDefault(ImportReport.Unchanged))}, afvist {DanishFormat.Number(counts.GetValueOrDefault(ImportReport.Rejected))}, venter {DanishFormat.Number(waiting)}");
    }
}
