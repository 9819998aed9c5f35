using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>
/// Small hand-made months whose KPIs were worked out by hand (in the comments), across the match-model change
/// (April 2010) and the population rule of July 2010 (only new match group 2 counts), on the transcribed catalogue.
/// </summary>
public sealed class KpiCalculationTests : IAsyncLifetime, IDisposable
{
    // Replacement numbers (day + 60): never a real person's.
    private const string C1 = "6101701111", C2 = "6201701112", C3 = "6301701113", C4 = "6401701114", C5 = "6501701115", C6 = "6601701116", C7 = "6701701117", C8 = "6801701118";

    private readonly WorkerServices _worker = new();
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_worker.Settings, "catalogue", "load")).ExitCode);

        // March 2010, the old 5-group model. Shared: C1 (4→2), C2 (5→3), C3 (4→2, not unemployed). Not shared: C4 (3→1),
        // C5 (SOF unit "andet"), C6 (SOF only). Population (groups 2 and 3, unemployed): C1, C2; activated: C1.
        await ImportAsync("bif_2010-03.csv", File(
            BifHeader,
            Bif(C1, "2010-03", "B1", group: "4", activated: "ja", type: "loentilskud", hours: "37", jobPlan: "2010-01-04"),
            Bif(C2, "2010-03", "B2", group: "5"),
            Bif(C3, "2010-03", "B3", group: "4", unemployed: "nej", activated: "ja", type: "revalidering", jobPlan: "2010-02-01"),
            Bif(C4, "2010-03", "B4", group: "3", activated: "ja", type: "andet"),
            Bif(C5, "2010-03", "B5", group: "5", activated: "ja", type: "andet", hours: "10")));
        await ImportAsync("sof_2010-03.csv", File(
            SofHeader,
            Sof(C1, "2010-03", "S1", targetGroup: "misbrug", offered: "2010-02-01", produced: "2010-03-01", planType: "handleplan"),
            Sof(C2, "2010-03", "S2", unit: "raadgivningscenter_behandling", targetGroup: "handicap", offered: "2009-11-01", produced: "2010-01-10", planType: "procesnotat"),
            Sof(C3, "2010-03", "S3", targetGroup: "handicap"),
            Sof(C4, "2010-03", "S4"),
            Sof(C5, "2010-03", "S5", unit: "andet"),
            Sof(C6, "2010-03", "S6")));

        // June 2010, the 3-group model, rule still groups 2 and 3: C1, C2 (3), C3, C8 all unemployed; activated C1, C2.
        await ImportAsync("bif_2010-06.csv", File(
            BifHeader,
            Bif(C1, "2010-06", "B1", model: "3", group: "2", activated: "ja", type: "loentilskud"),
            Bif(C2, "2010-06", "B2", model: "3", group: "3", activated: "ja", type: "andet"),
            Bif(C3, "2010-06", "B3", model: "3", group: "2"),
            Bif(C8, "2010-06", "B8", model: "3", group: "2")));
        await ImportAsync("sof_2010-06.csv", File(
            SofHeader,
            Sof(C1, "2010-06", "S1", targetGroup: "misbrug", offered: "2010-02-01", produced: "2010-03-01", planType: "handleplan"),
            Sof(C2, "2010-06", "S2", targetGroup: "handicap", offered: "2009-11-01", produced: "2010-01-10", planType: "procesnotat"),
            Sof(C3, "2010-06", "S3", targetGroup: "handicap", offered: "2010-05-20"),
            Sof(C8, "2010-06", "S8", targetGroup: "psykisk_socialt_udsat")));

        // July 2010: only new group 2 counts. Shared: C1, C2, C3, C7 (C7 enters, C8 leaves).
        // Population (group 2, unemployed): C1, C3, C7; activated: C1.
        await ImportAsync("bif_2010-07.csv", File(
            BifHeader,
            Bif(C1, "2010-07", "B1", model: "3", group: "2", activated: "ja", type: "virksomhedspraktik"),
            Bif(C2, "2010-07", "B2", model: "3", group: "3", activated: "ja", type: "andet"),
            Bif(C3, "2010-07", "B3", model: "3", group: "2"),
            Bif(C7, "2010-07", "B7", model: "3", group: "2")));
        await ImportAsync("sof_2010-07.csv", File(
            SofHeader,
            Sof(C1, "2010-07", "S1", targetGroup: "misbrug", offered: "2010-02-01", produced: "2010-03-01", planType: "handleplan"),
            Sof(C2, "2010-07", "S2", targetGroup: "handicap", offered: "2009-11-01", produced: "2010-01-10", planType: "procesnotat"),
            Sof(C3, "2010-07", "S3", targetGroup: "handicap", offered: "2010-05-20", produced: "2010-07-02", planType: "procesnotat"),
            Sof(C7, "2010-07", "S7", targetGroup: "psykisk_socialt_udsat")));
    }

    public Task DisposeAsync() => _worker.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private async Task ImportAsync(string name, string content)
    {
        await using var scope = _worker.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(Write(_folder, name, content), CancellationToken.None);
        Assert.True(report.Status == ImportReport.Imported, $"{name}: {string.Join("; ", report.Errors.Select(e => $"{e.Line} {e.Column} {e.Message}"))}");
    }

    private async Task<MonthlyKpis> KpisAsync(int year, int month)
    {
        await using var scope = _worker.Scope();
        return (await scope.ServiceProvider.GetRequiredService<KpiService>().ComputeAsync(new DateOnly(year, month, 1), CancellationToken.None))!;
    }

    [Fact]
    public async Task March2010_InTheOldModel_CountsGroupsTwoAndThree()
    {
        var k = await KpisAsync(2010, 3);

        Assert.Equal((3, (int?)null, (int?)null), (k.SharedCitizens, k.Entries, k.Exits)); // February was never imported
        Assert.Equal((2, 1, 0.5m), (k.Activation.Population, k.Activation.Activated, k.Activation.Rate));
        Assert.Equal([2, 3], k.Activation.CountedGroups);
        Assert.Equal((1, 1, 1.0m), (k.Activation.ByTargetGroup["misbrug"].Population, k.Activation.ByTargetGroup["misbrug"].Activated, k.Activation.ByTargetGroup["misbrug"].Rate));
        Assert.Equal((1, 0, 0m), (k.Activation.ByTargetGroup["handicap"].Population, k.Activation.ByTargetGroup["handicap"].Activated, k.Activation.ByTargetGroup["handicap"].Rate));
        Assert.Null(k.Activation.ByTargetGroup["psykisk_socialt_udsat"].Rate);
        Assert.Equal(0.5m, k.Activation.FteRate); // C1 at 37 hours = 1 FTE, over 2
        Assert.Equal((0.40m, 0.50m), (k.Activation.Target, k.Activation.TargetOriginal)); // 2010: the evaluation's 40 %, first 50 %
        // Social plans 2010 so far: offered C1 (C2's offer was in 2009); produced C1 and C2, C2 a process note.
        Assert.Equal((2010, 1, 2, 1, 0.5m, 1000m), (k.SocialPlans.Year, k.SocialPlans.OfferedYtd, k.SocialPlans.ProducedYtd, k.SocialPlans.ProcessNotesYtd, k.SocialPlans.ProcessNoteShare, k.SocialPlans.Target));
        Assert.Equal(1, k.SocialPlans.BothPlans); // only C1 has a job plan and a produced plan
        Assert.False(k.NovemberMeasurement);
    }

    [Fact]
    public async Task June2010_InTheNewModel_StillCountsGroupsTwoAndThree()
    {
        var k = await KpisAsync(2010, 6);
        Assert.Equal((4, 2, 0.5m), (k.Activation.Population, k.Activation.Activated, k.Activation.Rate));
        Assert.Equal([2, 3], k.Activation.CountedGroups);
        Assert.Null(k.Entries); // May was never imported
        Assert.Equal(2, k.SocialPlans.OfferedYtd); // C1 (February) and C3 (May); C8 never got one
    }

    [Fact]
    public async Task July2010_CountsOnlyGroupTwo_AndKnowsEntriesAndExits()
    {
        var k = await KpisAsync(2010, 7);

        Assert.Equal((4, (int?)1, (int?)1), (k.SharedCitizens, k.Entries, k.Exits)); // C7 entered, C8 left
        Assert.Equal([2], k.Activation.CountedGroups);
        Assert.Equal((3, 1, 0.3333m), (k.Activation.Population, k.Activation.Activated, k.Activation.Rate));
        Assert.Equal(0m, k.Activation.FteRate); // the one activated has no hours registered
        // Produced in 2010: C1, C2, C3 (July); process notes C2 and C3. C8 was shared in June, so counts in the year too.
        Assert.Equal((2, 3, 2, 0.6667m), (k.SocialPlans.OfferedYtd, k.SocialPlans.ProducedYtd, k.SocialPlans.ProcessNotesYtd, k.SocialPlans.ProcessNoteShare));
    }

    [Fact]
    public async Task KpiVerb_PrintsTheContractsJsonShape()
    {
        var result = await CliRun.RunAsync(_worker.Settings, "kpi", "2010-07", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("2010-07", root.GetProperty("month").GetString());
        Assert.Equal(4, root.GetProperty("sharedCitizens").GetInt32());
        var activation = root.GetProperty("activation");
        Assert.Equal(0.3333m, activation.GetProperty("rate").GetDecimal());
        Assert.Equal(0.40m, activation.GetProperty("target").GetDecimal());
        Assert.Equal(0.50m, activation.GetProperty("targetOriginal").GetDecimal());
        var groups = activation.GetProperty("byTargetGroup");
        Assert.Equal((1m, 0m, 0m), (groups.GetProperty("misbrug").GetProperty("rate").GetDecimal(), groups.GetProperty("handicap").GetProperty("rate").GetDecimal(), groups.GetProperty("psykisk_socialt_udsat").GetProperty("rate").GetDecimal()));
        foreach (var field in new[] { "year", "offeredYtd", "producedYtd", "processNotesYtd", "processNoteShare", "target", "bothPlans" })
        {
            Assert.True(root.GetProperty("socialPlans").TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task KpiVerb_RefusesAMonthWithoutBothExtracts()
    {
        var result = await CliRun.RunAsync(_worker.Settings, "kpi", "2010-04");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
    }

    [Fact]
    public async Task MonthlyKpisJob_ComputesEveryStaleMonth_ThenNothing()
    {
        var first = await CliRun.RunAsync(_worker.Settings, "run", "monthly-kpis");
        var second = await CliRun.RunAsync(_worker.Settings, "run", "monthly-kpis");
        Assert.Contains("nøgletal beregnet for 3 måneder", first.Out, StringComparison.Ordinal);
        Assert.Contains("ingen måneder at beregne", second.Out, StringComparison.Ordinal);
    }
}
