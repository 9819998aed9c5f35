using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Extracts.Demo;
using BifSof.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BifSof.Worker.Fuzz;

/// <summary>
/// The extract fuzzer of scripts/chaos.sh. Writes the demo extracts of a small population as seeds, then for each case
/// applies one to three seeded mutations to a seed (the file keeps its name, so it targets the seed's month) and imports
/// it through the worker's own <see cref="ExtractImporter"/> into the database the environment names
/// (<c>ConnectionStrings__BifSof</c>, migrated beforehand, e.g. by <c>catalogue load</c>). Each outcome must be one of:
/// refused, with the file named and every error located or explained, and the month's rows exactly as before; or
/// accepted whole, with exactly the reported rows stored. Then a garbage file and a one-line file of the given size.
/// Prints <c>key=value</c> lines on stdout; details of every failure on stderr.
/// </summary>
internal static partial class Program
{
    private static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        Directory.CreateDirectory(options.Work);
        var seedsFolder = Path.Combine(options.Work, "seeds");
        var caseFolder = Path.Combine(options.Work, "case");
        Directory.CreateDirectory(caseFolder);
        var seeds = new DemoExtractGenerator(options.Citizens, options.Seed).Write(seedsFolder)
            .Where(f => Path.GetFileName(f).Contains("2010-", StringComparison.Ordinal))
            .ToList();

        await using var app = WorkerApp.Build([], runServer: false);
        var connectionString = app.Configuration.GetConnectionString("BifSof")!;
        var tally = new Tally();
        var clock = Stopwatch.StartNew();

        // The seeds themselves first: the months then hold data, so a refused mutation has something to leave alone.
        foreach (var seed in seeds)
        {
            await RunCaseAsync(app, connectionString, seed, Path.GetFileName(seed), "seed", tally, countIt: false);
        }

        for (var i = 0; i < options.Cases; i++)
        {
            var random = new Random(options.Seed * 100_003 + i);
            var seed = seeds[random.Next(seeds.Count)];
            var bytes = await File.ReadAllBytesAsync(seed);
            var applied = new List<string>();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                bytes = Mutations.Apply(bytes, random, applied);
            }

            var path = Path.Combine(caseFolder, Path.GetFileName(seed));
            await File.WriteAllBytesAsync(path, bytes);
            await RunCaseAsync(app, connectionString, path, Path.GetFileName(seed), $"case {i} ({string.Join(", ", applied)})", tally, countIt: true);
        }

        var smallPeak = PeakRssMegabytes();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[fuzz] {tally.Cases} cases in {clock.Elapsed.TotalSeconds:0} s; peak RSS so far {smallPeak} MB"));

        var bigBytes = (long)options.BigMegabytes * 1024 * 1024;
        if (bigBytes > 0)
        {
            var garbage = Path.Combine(caseFolder, "bif_2010-05.csv");
            WriteGarbage(garbage, bigBytes, options.Seed);
            await RunBigAsync(app, connectionString, garbage, "200 MB garbage", tally);
            File.Delete(garbage);

            var oneLine = Path.Combine(caseFolder, "bif_2010-06.csv");
            WriteOneLine(oneLine, bigBytes);
            await RunBigAsync(app, connectionString, oneLine, "200 MB one line", tally);
            File.Delete(oneLine);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_cases={tally.Cases}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_partial={tally.Partial}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_crashes={tally.Crashes}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_peak_rss_mb={PeakRssMegabytes()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_small_peak_rss_mb={smallPeak}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_accepted={tally.Accepted}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_refused={tally.Refused}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_unlocated={tally.Unlocated}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_cpr_in_report={tally.CprInReport}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_seconds={clock.Elapsed.TotalSeconds:0}"));
        return 0;
    }

    private static async Task RunBigAsync(WebApplication app, string connectionString, string path, string label, Tally tally)
    {
        var started = Stopwatch.StartNew();
        await RunCaseAsync(app, connectionString, path, Path.GetFileName(path), label, tally, countIt: true);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[fuzz] {label}: {started.Elapsed.TotalSeconds:0.0} s, peak RSS {PeakRssMegabytes()} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz_big_{(label.Contains("garbage", StringComparison.Ordinal) ? "garbage" : "oneline")}_seconds={started.Elapsed.TotalSeconds:0.0}"));
    }

    private static async Task RunCaseAsync(WebApplication app, string connectionString, string path, string name, string label, Tally tally, bool countIt)
    {
        var month = MonthOf(name);
        var before = await SnapshotAsync(connectionString, month);
        ImportReport report;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            try
            {
                report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);
            }
#pragma warning disable CA1031 // counting every unhandled exception is what the fuzzer is for
            catch (Exception ex)
#pragma warning restore CA1031
            {
                tally.Crashes++;
                tally.Cases += countIt ? 1 : 0;
                Console.Error.WriteLine($"[fuzz] CRASH {label}: {ex.GetType().Name}: {Shorten(ex.Message)}");
                return;
            }
        }

        if (countIt)
        {
            tally.Cases++;
        }
        else if (report.Status != ImportReport.Imported)
        {
            Console.Error.WriteLine($"[fuzz] the seed {name} was not imported ({report.Status}): its month holds no data to protect");
        }

        var json = JsonSerializer.Serialize(report);
        if (ExtractValues.ContainsCpr(json))
        {
            tally.CprInReport++;
            // Where, without the digits themselves: every digit shown as 9.
            var where = report.Errors.Where(e => ExtractValues.ContainsCpr(e.Value ?? string.Empty) || ExtractValues.ContainsCpr(e.Message))
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"line {e.Line}, field {e.Column}: {Digits().Replace(e.Value ?? string.Empty, "9")} / {Digits().Replace(e.Message, "9")}"));
            Console.Error.WriteLine($"[fuzz] CPR in the report of {label}: {string.Join("; ", where)}");
        }

        var after = await SnapshotAsync(connectionString, month);
        switch (report.Status)
        {
            case ImportReport.Rejected:
                if (countIt)
                {
                    tally.Refused++;
                }

                if (report.ErrorCount == 0 || report.File != name)
                {
                    tally.Unlocated++;
                    Console.Error.WriteLine($"[fuzz] refusal without a reason: {label}");
                }
                else if (report.Errors.Any(e => e.Line <= 0 && e.Column is null && string.IsNullOrWhiteSpace(e.Message)))
                {
                    tally.Unlocated++;
                    Console.Error.WriteLine($"[fuzz] refusal without line, field or message: {label}");
                }

                if (before != after)
                {
                    tally.Partial++;
                    Console.Error.WriteLine($"[fuzz] PARTIAL: {label} was refused, yet the month changed ({before} -> {after})");
                }

                break;
            case ImportReport.Unchanged:
                if (before != after)
                {
                    tally.Partial++;
                    Console.Error.WriteLine($"[fuzz] PARTIAL: {label} was unchanged, yet the month changed");
                }

                break;
            default:
                if (countIt)
                {
                    tally.Accepted++;
                }

                var stored = await StoredRowsAsync(connectionString, report);
                if (stored != report.Rows)
                {
                    tally.Partial++;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[fuzz] PARTIAL: {label} accepted with {report.Rows} rows, {stored} stored"));
                }

                break;
        }
    }

    private static DateOnly? MonthOf(string name) =>
        FileMonth().Match(name) is { Success: true } match
            ? new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1)
            : null;

    [GeneratedRegex(@"^(?:bif|sof)_(\d{4})-(\d{2})")]
    private static partial Regex FileMonth();

    /// <summary>The month's stored data, as a count and a hash per table: equal strings mean nothing changed.</summary>
    private static async Task<string> SnapshotAsync(string connectionString, DateOnly? month)
    {
        if (month is null)
        {
            return "-";
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) || ':' || coalesce(sum(hashtext(b::text)), 0) FROM bifsof.bif_rows b WHERE b.month = @m)
                || '|' || (SELECT count(*) || ':' || coalesce(sum(hashtext(s::text)), 0) FROM bifsof.sof_rows s WHERE s.month = @m)
                || '|' || (SELECT count(*) || ':' || coalesce(sum(hashtext(c::text)), 0) FROM bifsof.shared_citizens c WHERE c.month = @m)
            """,
            connection);
        command.Parameters.AddWithValue("m", month.Value);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> StoredRowsAsync(string connectionString, ImportReport report)
    {
        if (report.Month is null || !ExtractValues.TryParseMonth(report.Month, out var month))
        {
            return -1;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var table = report.Source == "sof" ? "sof_rows" : "bif_rows";
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM bifsof.{table} WHERE month = @m", connection);
        command.Parameters.AddWithValue("m", month);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void WriteGarbage(string path, long size, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    /// <summary>The red team's worst: one line of <c>a;</c> repeated, no line break at all.</summary>
    private static void WriteOneLine(string path, long size)
    {
        var buffer = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a;", 1 << 19)));
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    /// <summary>The process's peak resident set (VmHWM), in MB.</summary>
    private static long PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();

    private sealed class Tally
    {
        public int Cases { get; set; }

        public int Accepted { get; set; }

        public int Refused { get; set; }

        public int Partial { get; set; }

        public int Crashes { get; set; }

        public int Unlocated { get; set; }

        public int CprInReport { get; set; }
    }

    private sealed record Options(int Cases, int Seed, int Citizens, int BigMegabytes, string Work)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i]] = args[i + 1];
            }

            int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new Options(
                Int("--cases", 500),
                Int("--seed", 11),
                Int("--citizens", 150),
                Int("--big-mb", 200),
                values.TryGetValue("--work", out var work) ? work : Path.Combine(Path.GetTempPath(), "bifsof-fuzz"));
        }
    }
}
