using System.Globalization;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>
/// A small world for the digest tests, on a database of its own: the catalogue, and hand-made months with two SOF
/// centres, one named as an extract may name it (quotes, a semicolon, æøå). Every address is this run's own, so the
/// shared mail sink holds only ours. Every CPR is a replacement number (day + 60): never a real person's.
/// </summary>
public sealed class DigestScenario : IAsyncDisposable
{
    public const string Amager = "Socialcenter Amager";
    public const string Oest = "Socialcenter \"Øst\"; Ærø";

    private readonly TempFolder _folder = new();
    private readonly string _run = RunId.New();

    private DigestScenario(WorkerServices worker)
    {
        Worker = worker;
    }

    public WorkerServices Worker { get; }

    public string AmagerTeam => $"amager-{_run}@test.example.dk";

    public string OestTeam => $"oest-{_run}@test.example.dk";

    public string Management => $"ledelse-{_run}@test.example.dk";

    public WorkerSettings Settings(WorkerSettings? start = null) =>
        (start ?? new WorkerSettings(Worker.Database.ConnectionString)).With("Catalogue:Addresses:sof-management:Email", Management);

    public static async Task<DigestScenario> StartAsync()
    {
        var worker = new WorkerServices();
        await worker.InitializeAsync();
        var scenario = new DigestScenario(worker);
        var load = await CliRun.RunAsync(scenario.Settings(), "catalogue", "load");
        Assert.True(load.ExitCode == ExitCodes.Success, load.Error);
        return scenario;
    }

    /// <summary>The CPR of citizen number <paramref name="i"/>: day 61–88 (replacement numbers), January 1970.</summary>
    public static string Cpr(int i) => string.Create(CultureInfo.InvariantCulture, $"{61 + (i % 28):00}0170{1000 + i:0000}");

    public static string SofCase(int i) => string.Create(CultureInfo.InvariantCulture, $"SOF-{i:0000000}");

    public static string BifCase(int i) => string.Create(CultureInfo.InvariantCulture, $"BIF-2010-{i:000000}");

    /// <summary>Imports a month: citizens <c>[from, to)</c> of each centre, all shared (old match group 4), half activated.</summary>
    public async Task ImportAsync(string month, params (string Centre, int From, int To)[] centres)
    {
        var bif = new List<string>();
        var sof = new List<string>();
        foreach (var (centre, from, to) in centres)
        {
            var email = centre == Amager ? AmagerTeam : OestTeam;
            // A field with a quote or a semicolon is quoted, with its quotes doubled (RFC 4180).
            var field = centre.Contains('"', StringComparison.Ordinal) || centre.Contains(';', StringComparison.Ordinal) ? "\"" + centre.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : centre;
            for (var i = from; i < to; i++)
            {
                bif.Add(Fixtures.Extracts.Bif(Cpr(i), month, BifCase(i), activated: i % 2 == 0 ? "ja" : "nej", type: i % 2 == 0 ? "virksomhedspraktik" : string.Empty));
                sof.Add(Fixtures.Extracts.Sof(
                    Cpr(i), month, SofCase(i), centre: field, team: i % 3 == 0 ? "Voksenteam 2" : "Voksenteam 1", email: email,
                    targetGroup: i % 2 == 0 ? "misbrug" : "handicap", offered: i % 4 == 0 ? "2010-01-15" : string.Empty));
            }
        }

        var files = new[]
        {
            Fixtures.Extracts.Write(_folder, $"bif_{month}.csv", Fixtures.Extracts.File(Fixtures.Extracts.BifHeader, [.. bif])),
            Fixtures.Extracts.Write(_folder, $"sof_{month}.csv", Fixtures.Extracts.File(Fixtures.Extracts.SofHeader, [.. sof])),
        };
        var import = await CliRun.RunAsync(Settings(), ["import", .. files]);
        Assert.True(import.ExitCode == ExitCodes.Success, import.Out + import.Error);
        var kpis = await CliRun.RunAsync(Settings(), "run", "monthly-kpis");
        Assert.True(kpis.ExitCode == ExitCodes.Success, kpis.Error);
    }

    public async Task<string> RunDigestAsync(string asOf)
    {
        var result = await CliRun.RunAsync(Settings(), "run", "monthly-digest", "--as-of", asOf);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        return result.Out;
    }

    public async ValueTask DisposeAsync()
    {
        _folder.Dispose();
        await Worker.DisposeAsync();
    }
}
