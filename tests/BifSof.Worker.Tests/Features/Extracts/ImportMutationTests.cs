using System.Text;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// Property: whatever happens to a valid file's bytes, an import either stores the whole mutated file or refuses it
/// and leaves the stored data exactly as it was. Mutations are random but seeded, so a failure replays.
/// </summary>
public sealed class ImportMutationTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private const int Mutants = 120;
    private const string Month = "2010-06";
    private static readonly char[] Noise = [';', '"', '\n', '\r', 'x', '7', '-', ' ', 'Ø'];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Base() => File(
        BifHeader,
        [.. Enumerable.Range(0, 12).Select(i => Bif(
            $"6{i % 9 + 1}0{i % 9 + 1}80{1000 + i}",
            Month,
            $"BIF-{i}",
            group: (i % 3 + 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            activated: i % 2 == 0 ? "ja" : "nej",
            type: i % 2 == 0 ? "loentilskud" : "",
            jobPlan: "2010-05-0" + (i % 9 + 1))
            .Replace("Jobcenter København", i % 4 == 0 ? "\"Jobcenter \"\"Nord\"\"; afd. 2\"" : "Jobcenter København", StringComparison.Ordinal))]);

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var at = random.Next(text.Length);
        var noise = Noise[random.Next(Noise.Length)];
        var line = random.Next(1, lines.Count - 1);
        switch (random.Next(7))
        {
            case 0:
                return text.Remove(at, 1);
            case 1:
                return text.Insert(at, noise.ToString());
            case 2:
                return string.Concat(text.AsSpan(0, at), noise.ToString(), text.AsSpan(at + 1));
            case 3:
                lines.Insert(random.Next(1, lines.Count), lines[line]);
                return string.Join('\n', lines);
            case 4:
                lines.RemoveAt(line);
                return string.Join('\n', lines);
            case 5:
                return text[..at];
            default:
                return Swap(text, at, random.Next(text.Length));
        }
    }

    private static string Swap(string text, int a, int b)
    {
        var chars = text.ToCharArray();
        (chars[a], chars[b]) = (chars[b], chars[a]);
        return new string(chars);
    }

    private Task<string> FingerprintAsync() => worker.Database.ScalarAsync<string>(
        $"""
        SELECT concat_ws('|',
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.bif_rows t WHERE month = '{Month}-01'),
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.extract_months t))
        """);

    [Fact]
    public async Task Import_StoresAMutatedFileWhole_OrRefusesItAndChangesNothing()
    {
        var random = new Random(4711);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = Path.Combine(_folder.Path, $"bif_{Month}.csv");
        await System.IO.File.WriteAllTextAsync(path, Base(), new UTF8Encoding(false));
        await using (var scope = worker.Scope())
        {
            Assert.Equal(ImportReport.Imported, (await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None)).Status);
        }

        for (var i = 0; i < Mutants; i++)
        {
            var mutant = Mutate(Base(), random);
            await System.IO.File.WriteAllBytesAsync(path, i % 5 == 0 ? Windows1252.GetBytes(mutant) : Encoding.UTF8.GetBytes(mutant));
            var before = await FingerprintAsync();

            await using var scope = worker.Scope();
            var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);

            outcomes[report.Status] = outcomes.GetValueOrDefault(report.Status) + 1;
            if (report.Status == ImportReport.Imported)
            {
                var stored = await worker.Database.ScalarAsync<long>($"SELECT count(*) FROM bifsof.bif_rows WHERE month = '{Month}-01'");
                var newest = await worker.Database.ScalarAsync<long>($"SELECT max(id) FROM bifsof.extract_files WHERE status = 'imported' AND source = 'bif' AND month = '{Month}-01'");
                var fromNewest = await worker.Database.ScalarAsync<long>($"SELECT count(*) FROM bifsof.bif_rows WHERE month = '{Month}-01' AND file_id = {newest}");
                Assert.True(stored == report.Rows && fromNewest == stored, $"mutant {i}: {report.Rows} rows read, {stored} stored, {fromNewest} from the new file");
            }
            else
            {
                Assert.True(before == await FingerprintAsync(), $"mutant {i} was {report.Status} but changed the stored data");
            }
        }

        // The property was tested both ways, not only on files that happened to pass or fail.
        Assert.True(outcomes.GetValueOrDefault(ImportReport.Imported) > 5, $"imported: {outcomes.GetValueOrDefault(ImportReport.Imported)}");
        Assert.True(outcomes.GetValueOrDefault(ImportReport.Rejected) > 20, $"rejected: {outcomes.GetValueOrDefault(ImportReport.Rejected)}");
    }
}
