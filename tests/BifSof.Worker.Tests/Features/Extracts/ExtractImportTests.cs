using System.Text;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>Imports against a real database. Each test uses a month of its own, so they share one database.</summary>
public sealed class ExtractImportTests(WorkerServices worker) : IClassFixture<WorkerServices>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<ImportReport> ImportAsync(string name, string content, Encoding? encoding = null)
    {
        var path = Write(_folder, name, content, encoding);
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);
    }

    /// <summary>Everything an import may change, as one value: equal fingerprints mean equal stored data.</summary>
    private Task<string> FingerprintAsync() => worker.Database.ScalarAsync<string>(
        """
        SELECT concat_ws('|',
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.bif_rows t),
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.sof_rows t),
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.shared_citizens t),
            (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM bifsof.extract_months t))
        """);

    private Task<long> CountAsync(string sql) => worker.Database.ScalarAsync<long>(sql);

    [Fact]
    public async Task Import_JoinsTheSharedCitizens_WhenBothExtractsOfTheMonthAreIn()
    {
        const string m = "2009-01";
        var bif = await ImportAsync("bif_2009-01.csv", File(
            BifHeader,
            Bif("6101801111", m, "BIF-A", group: "4"),
            Bif("6101801112", m, "BIF-B", group: "5"),
            Bif("6101801113", m, "BIF-C", group: "3"),
            Bif("6101801114", m, "BIF-D", group: "4"),
            Bif("6101801115", m, "BIF-E", group: "4")));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM bifsof.extract_months WHERE month = '2009-01-01' AND matched_at IS NULL"));

        var sof = await ImportAsync("sof_2009-01.csv", File(
            SofHeader,
            Sof("6101801111", m, "SOF-A"),
            Sof("6101801112", m, "SOF-B", unit: "raadgivningscenter_behandling", centre: "Rådgivningscenter København"),
            Sof("6101801113", m, "SOF-C"),
            Sof("6101801114", m, "SOF-D", unit: "andet"),
            Sof("6101801116", m, "SOF-F")));

        Assert.Equal((ImportReport.Imported, 5, "bif", "2009-01"), (bif.Status, bif.Rows, bif.Source, bif.Month));
        Assert.Equal(ImportReport.Imported, sof.Status);
        Assert.Equal(2L, await CountAsync("SELECT shared_citizens FROM bifsof.extract_months WHERE month = '2009-01-01' AND matched_at IS NOT NULL"));
        Assert.Equal("BIF-A/SOF-A/2/Socialcenter Amager,BIF-B/SOF-B/3/Rådgivningscenter København", await worker.Database.ScalarAsync<string>(
            "SELECT string_agg(bif_case_number || '/' || sof_case_number || '/' || normalized_group || '/' || centre, ',' ORDER BY bif_case_number) FROM bifsof.shared_citizens WHERE month = '2009-01-01'"));
    }

    [Fact]
    public async Task Import_ReportsUnchangedAndChangesNothing_WhenTheSameBytesComeAgain()
    {
        var content = File(BifHeader, Bif("6101801121", "2009-02", "BIF-1"));
        Assert.Equal(ImportReport.Imported, (await ImportAsync("bif_2009-02.csv", content)).Status);
        var before = await FingerprintAsync();

        var again = await ImportAsync("bif_2009-02.csv", content);

        Assert.Equal((ImportReport.Unchanged, 1, "2009-02"), (again.Status, again.Rows, again.Month));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Import_ReplacesTheMonthWholly_WhenACorrectionArrives()
    {
        const string m = "2009-03";
        await ImportAsync("sof_2009-03.csv", File(SofHeader, Sof("6101801131", m, "SOF-1"), Sof("6101801132", m, "SOF-2"), Sof("6101801133", m, "SOF-3")));
        await ImportAsync("bif_2009-03.csv", File(BifHeader, Bif("6101801131", m, "BIF-1"), Bif("6101801132", m, "BIF-2"), Bif("6101801133", m, "BIF-3")));

        var correction = await ImportAsync("bif_2009-03.csv", File(BifHeader, Bif("6101801131", m, "BIF-1"), Bif("6101801133", m, "BIF-3", group: "2")));

        Assert.Equal((ImportReport.Imported, 2), (correction.Status, correction.Rows));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM bifsof.bif_rows WHERE month = '2009-03-01'"));
        Assert.Equal("BIF-1", await worker.Database.ScalarAsync<string>("SELECT string_agg(bif_case_number, ',') FROM bifsof.shared_citizens WHERE month = '2009-03-01'"));
    }

    [Fact]
    public async Task Import_ReadsWindows1252_QuotedSeparators_Crlf_AndHeadersInAnyOrderAndCase()
    {
        const string m = "2009-04";
        var content = "MAANED;Team;CPR;sof_sagsnr;Enhed;Center;team_email;maalgruppe;ukendt_kolonne\r\n"
            + $"{m};\"Team \"\"Øst\"\"; akut\";6101801141;SOF-1;handicapcenter_voksen;Socialcenter Østerbro;t@sof.example.dk;handicap;ignoreret\r\n";
        var report = await ImportAsync("sof_2009-04.csv", content, Windows1252);

        Assert.Equal(ImportReport.Imported, report.Status);
        Assert.Equal("Socialcenter Østerbro|Team \"Øst\"; akut", await worker.Database.ScalarAsync<string>("SELECT centre || '|' || team FROM bifsof.sof_rows WHERE month = '2009-04-01'"));
        Assert.Equal("windows-1252", await worker.Database.ScalarAsync<string>("SELECT encoding FROM bifsof.extract_files WHERE file_name = 'sof_2009-04.csv'"));
    }

    [Fact]
    public async Task Import_TakesTheMonthFromTheRows_WhenTheFileNameHasNone()
    {
        var report = await ImportAsync("bif_udtraek_marts.csv", File(BifHeader, Bif("6101801151", "2009-05", "BIF-1"), Bif("6101801152", "2009-05", "BIF-2")));
        Assert.Equal((ImportReport.Imported, "2009-05", "bif"), (report.Status, report.Month, report.Source));
    }

    public static TheoryData<string, string, string, int, string?> Defects => new()
    {
        { "a CPR of nine digits", "bif", Bif("610180115", "2009-06", "BIF-2"), 3, "cpr" },
        { "a CPR whose date does not exist", "bif", Bif("9102801152", "2009-06", "BIF-2"), 3, "cpr" },
        { "the same CPR twice", "bif", Bif("6101801161", "2009-06", "BIF-2"), 3, "cpr" },
        { "a month that disagrees with the file name", "bif", Bif("6101801162", "2009-07", "BIF-2"), 3, "maaned" },
        { "a required field left empty", "bif", Bif("6101801162", "2009-06", ""), 3, "bif_sagsnr" },
        { "a case number over 30 characters", "bif", Bif("6101801162", "2009-06", new string('X', 31)), 3, "bif_sagsnr" },
        { "a match group outside the model", "bif", Bif("6101801162", "2009-06", "BIF-2", model: "3", group: "4"), 3, "matchgruppe" },
        { "an unknown match model", "bif", Bif("6101801162", "2009-06", "BIF-2", model: "4"), 3, "matchmodel" },
        { "a boolean that is not one", "bif", Bif("6101801162", "2009-06", "BIF-2", unemployed: "måske"), 3, "ledig" },
        { "activation without its type", "bif", Bif("6101801162", "2009-06", "BIF-2", activated: "ja"), 3, "aktiveringstype" },
        { "an unknown activation type", "bif", Bif("6101801162", "2009-06", "BIF-2", activated: "ja", type: "kursus"), 3, "aktiveringstype" },
        { "weekly hours over 37", "bif", Bif("6101801162", "2009-06", "BIF-2", activated: "ja", type: "andet", hours: "40"), 3, "aktivering_timer" },
        { "a date in no accepted form", "bif", Bif("6101801162", "2009-06", "BIF-2", jobPlan: "2009/06/01"), 3, "jobplan_dato" },
        { "a row with a field too many", "bif", Bif("6101801162", "2009-06", "BIF-2") + ";ekstra", 3, null },
        { "an unknown SOF unit", "sof", Sof("6101801162", "2009-06", "SOF-2", unit: "botilbud"), 3, "enhed" },
        { "an unknown target group", "sof", Sof("6101801162", "2009-06", "SOF-2", targetGroup: "andre"), 3, "maalgruppe" },
        { "a produced plan without its type", "sof", Sof("6101801162", "2009-06", "SOF-2", produced: "2009-06-02"), 3, "handleplan_type" },
        { "a team e-mail that is no address", "sof", Sof("6101801162", "2009-06", "SOF-2", email: "team et"), 3, "team_email" },
        { "a quote that is never closed", "sof", "\"" + Sof("6101801162", "2009-06", "SOF-2"), 3, null },
        { "a quote left open that swallows the next line", "bif", Bif("6101801162", "2009-06", "BIF-2", reason: "\"udeblivelse") + "\n" + Bif("6101801163", "2009-06", "BIF-3", reason: "x\""), 3, "ydelse_stop_aarsag" },
        { "a CPR number in a text field", "bif", Bif("6101801162", "2009-06", "BIF-2", reason: "se 6101801163"), 3, "ydelse_stop_aarsag" },
        { "a control character", "sof", Sof("6101801162", "2009-06", "SOF-2", team: "Team\u00001"), 3, "team" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Import_RefusesTheWholeFile_NamingLineAndColumn_AndLeavesStoredDataAsItWas(string defect, string source, string row, int line, string? column)
    {
        var (header, good) = source == "bif"
            ? (BifHeader, Bif("6101801161", "2009-06", "BIF-1"))
            : (SofHeader, Sof("6101801161", "2009-06", "SOF-1"));
        var before = await FingerprintAsync();

        var report = await ImportAsync($"{source}_2009-06.csv", File(header, good, row));

        Assert.True(report.Status == ImportReport.Rejected, defect);
        Assert.Contains(report.Errors, e => e.Line == line && e.Column == column);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Import_RefusesAFile_WhoseHeaderLacksARequiredColumn()
    {
        var report = await ImportAsync("bif_2009-08.csv", "cpr;maaned;bif_sagsnr\n6101801181;2009-08;BIF-1\n");
        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.Contains(report.Errors, e => (e.Line, e.Column) == (1, "jobcenter"));
    }

    [Fact]
    public async Task Import_ListsEveryError_AndMasksEveryCpr()
    {
        var report = await ImportAsync("bif_2009-09.csv", File(
            BifHeader,
            Bif("6101801191", "2009-09", "BIF-1", unemployed: "x"),
            Bif("6101801191", "2009-09", "BIF-2"),
            Bif("61018011", "2009-09", "BIF-3", group: "9")));

        Assert.Equal([(2, "ledig"), (4, "cpr"), (4, "matchgruppe"), (3, "cpr")], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(["****", "610180-****"], report.Errors.Where(e => e.Column == "cpr").Select(e => e.Value));
    }

    [Fact]
    public async Task Import_ReportsEveryRepeatOfACprAtItsLine_WhenTheRepeatsAreTheFilesOnlyErrors_AndLeavesNoTableBehind()
    {
        var before = await FingerprintAsync();

        var report = await ImportAsync("bif_2009-10.csv", File(
            BifHeader,
            Bif("6101801201", "2009-10", "BIF-1"),
            Bif("6101801202", "2009-10", "BIF-2"),
            Bif("610180-1201", "2009-10", "BIF-3"), // line 4: line 2's CPR, written with a hyphen
            Bif("6101801202", "2009-10", "BIF-4"),
            Bif("6101801201", "2009-10", "BIF-5")));

        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.Equal(
            ["4 cpr 610180-**** samme CPR-nummer som linje 2", "5 cpr 610180-**** samme CPR-nummer som linje 3", "6 cpr 610180-**** samme CPR-nummer som linje 2"],
            report.Errors.Select(e => $"{e.Line} {e.Column} {e.Value} {e.Message}"));
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'bif\\_rows\\_2009\\_10%'"));
    }

    [Fact]
    public async Task Import_ReportsRepeats_OnBothSidesOfTheFirstRefusedRow()
    {
        var report = await ImportAsync("bif_2009-11.csv", File(
            BifHeader,
            Bif("6101801211", "2009-11", "BIF-1"),
            Bif("6101801212", "2009-11", "BIF-2"),
            Bif("6101801211", "2009-11", "BIF-3", group: "9"), // refused, and line 2's CPR
            Bif("6101801212", "2009-11", "BIF-4"),             // copied as a key only: line 3's CPR
            Bif("6101801213", "2009-11", "BIF-5")));

        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.Equal(
            ["4 matchgruppe", "4 cpr samme CPR-nummer som linje 2", "5 cpr samme CPR-nummer som linje 3"],
            report.Errors.Select(e => $"{e.Line} {e.Column}" + (e.Column == "cpr" ? $" {e.Message}" : string.Empty)));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.extract_months WHERE month = '2009-11-01'"));
    }

    [Fact]
    public async Task ImportVerb_PrintsTheJsonShapeOfTheContract_AndExitsTwoForARefusedFile()
    {
        var good = Write(_folder, "bif_2009-10.csv", File(BifHeader, Bif("6101801201", "2009-10", "BIF-1")));
        var bad = Write(_folder, "sof_2009-10.csv", File(SofHeader, Sof("6101801201", "2009-10", "SOF-1", unit: "x")));

        var result = await CliRun.RunAsync(worker.Settings, "import", good, bad, "--json");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var first = json.RootElement[0];
        Assert.Equal(("bif_2009-10.csv", "bif", "2009-10", "imported", 1), (first.GetProperty("file").GetString(), first.GetProperty("source").GetString(), first.GetProperty("month").GetString(), first.GetProperty("status").GetString(), first.GetProperty("rows").GetInt32()));
        var error = json.RootElement[1].GetProperty("errors")[0];
        Assert.Equal((2, "enhed", "x"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("value").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Import_MasksACprThatLandsInAnotherColumn_WhenColumnsAreSwapped()
    {
        var report = await ImportAsync("bif_2009-12.csv", File(BifHeader, "2009-12;6101801211;BIF-1;Jobcenter;5;4;ja;nej;;;;;"));

        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.All(report.Errors, e => Assert.DoesNotContain("6101801211", e.Value ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Column == "maaned" && e.Value == "610180-****");
    }

    [Fact]
    public async Task Import_RefusesAFileWithABom_WhoseBytesAreNotUtf8()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Windows1252.GetBytes(File(SofHeader, Sof("6101801221", "2012-02", "SOF-1", centre: "Socialcenter Østerbro")))).ToArray();
        var path = Path.Combine(_folder.Path, "sof_2012-02.csv");
        await System.IO.File.WriteAllBytesAsync(path, bytes);
        await using var scope = worker.Scope();

        var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(path, CancellationToken.None);

        Assert.Equal(ImportReport.Rejected, report.Status);
        Assert.Contains("BOM", report.Errors[0].Message, StringComparison.Ordinal);
    }
}
