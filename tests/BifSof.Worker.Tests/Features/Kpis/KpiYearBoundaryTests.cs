using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>
/// December 2009 and January 2010, worked out by hand: the social plans year to date start again in January, and
/// read each citizen's latest SOF row of the new year, whatever the rows of the year before said.
/// </summary>
public sealed class KpiYearBoundaryTests : IAsyncLifetime, IDisposable
{
    // Replacement numbers (day + 60): never a real person's.
    private const string C1 = "6101701121", C2 = "6201701122", C3 = "6301701123";

    private readonly WorkerServices _worker = new();
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_worker.Settings, "catalogue", "load")).ExitCode);

        // December 2009: shared C1 and C2 (C3 is in SOF only). C1 has a plan offered and produced in 2009, C2 one offered.
        // C3's row already carries an offer dated January 2010, which its January row no longer has.
        await ImportAsync("bif_2009-12.csv", File(
            BifHeader,
            Bif(C1, "2009-12", "B1", group: "4"),
            Bif(C2, "2009-12", "B2", group: "5")));
        await ImportAsync("sof_2009-12.csv", File(
            SofHeader,
            Sof(C1, "2009-12", "S1", offered: "2009-10-01", produced: "2009-12-01", planType: "handleplan"),
            Sof(C2, "2009-12", "S2", offered: "2009-12-10"),
            Sof(C3, "2009-12", "S3", offered: "2010-01-02")));

        // January 2010: shared C2 and C3 (C3 enters, C1 leaves BIF and so the shared citizens). C1's SOF row still
        // shows its 2009 plan; C2's plan, offered in 2009, is produced in January as a process note.
        await ImportAsync("bif_2010-01.csv", File(
            BifHeader,
            Bif(C2, "2010-01", "B2", group: "5"),
            Bif(C3, "2010-01", "B3", group: "4")));
        await ImportAsync("sof_2010-01.csv", File(
            SofHeader,
            Sof(C1, "2010-01", "S1", offered: "2009-10-01", produced: "2009-12-01", planType: "handleplan"),
            Sof(C2, "2010-01", "S2", offered: "2009-12-10", produced: "2010-01-20", planType: "procesnotat"),
            Sof(C3, "2010-01", "S3")));
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
    public async Task ComputeAsync_CountsTheYearsPlans_WhenTheMonthIsDecember()
    {
        var k = await KpisAsync(2009, 12);

        Assert.Equal((2, (int?)null, (int?)null), (k.SharedCitizens, k.Entries, k.Exits)); // November was never imported
        // 2009 so far: C1 and C2 shared. Offered C1 (October) and C2 (December); produced C1, a plan, no process note.
        Assert.Equal((2009, 2, 1, 0, 0m), (k.SocialPlans.Year, k.SocialPlans.OfferedYtd, k.SocialPlans.ProducedYtd, k.SocialPlans.ProcessNotesYtd, k.SocialPlans.ProcessNoteShare));
    }

    [Fact]
    public async Task ComputeAsync_StartsTheYearToDateAgain_WhenTheMonthIsJanuary()
    {
        var k = await KpisAsync(2010, 1);

        Assert.Equal((2, (int?)1, (int?)1), (k.SharedCitizens, k.Entries, k.Exits)); // C3 entered, C1 left
        // 2010 so far: C2 and C3 shared. Nothing offered in 2010 by their January rows (C2's offer was in 2009, C3's
        // December row's January offer is gone); produced C2, a process note. C1's 2009 plan is not this year's.
        Assert.Equal((2010, 0, 1, 1, 1m), (k.SocialPlans.Year, k.SocialPlans.OfferedYtd, k.SocialPlans.ProducedYtd, k.SocialPlans.ProcessNotesYtd, k.SocialPlans.ProcessNoteShare));
    }
}
