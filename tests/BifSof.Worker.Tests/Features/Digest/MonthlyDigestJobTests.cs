using BifSof.Worker.Data;
using BifSof.Worker.Features.Digest;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BifSof.Worker.Tests.Features.Digest;

/// <summary>The <c>monthly-digest</c> job through <c>run monthly-digest --as-of</c>, on real PostgreSQL and MailDev.</summary>
public sealed class MonthlyDigestJobTests : IAsyncLifetime
{
    private DigestScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = await DigestScenario.StartAsync();

        // January: Amager 0–4, Øst 5–7. February: 0 left, 5 moved from Øst to Amager, 8 is new at Øst.
        await _scenario.ImportAsync("2010-01", (DigestScenario.Amager, 0, 5), (DigestScenario.Oest, 5, 8));
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));
    }

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private async Task<List<OutboxMessage>> DigestsAsync()
    {
        await using var scope = _scenario.Worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().OutboxMessages.AsNoTracking()
            .Include(m => m.Attachments)
            .Where(m => m.Template.StartsWith("digest-"))
            .OrderBy(m => m.Id)
            .ToListAsync();
    }

    [Fact]
    public async Task Run_QueuesTheLatestMonthOnce_ForEachCentreAndManagement_NeverTheMonthBefore()
    {
        var first = await _scenario.RunDigestAsync("2010-03-03");
        var second = await _scenario.RunDigestAsync("2010-03-03");

        var digests = await DigestsAsync();
        Assert.Equal(
            ["monthly-digest:2010-02:centre:Socialcenter \"Øst\"; Ærø", "monthly-digest:2010-02:centre:Socialcenter Amager", "monthly-digest:2010-02:management"],
            digests.Select(d => d.BusinessKey).Order(StringComparer.Ordinal));
        Assert.Contains("3 e-mails lagt i udbakken", first, StringComparison.Ordinal);
        Assert.Contains("februar 2010 er sendt før", second, StringComparison.Ordinal);

        var oest = digests.Single(d => d.To.Contains(_scenario.OestTeam));
        Assert.Equal("Opfølgning på fællesborgere, februar 2010 – Socialcenter \"Øst\"; Ærø", oest.Subject);
        Assert.Contains("Socialcenter &quot;Øst&quot;; Ærø", oest.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("- Tilgang siden måneden før: 1", oest.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Afgang siden måneden før: 0", oest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Handleplaner over frist pr. 3. marts 2010\n- Tilbud om handleplan: 2\n- Udarbejdelse af handleplan: 1\n- Opfølgning på handleplan: 0\n- I alt: 3\n\nKommunen mod", oest.TextBody, StringComparison.Ordinal); // counted by the social-plan feature
        Assert.Contains("- Aktiveringsgrad: 50,0 %", oest.TextBody, StringComparison.Ordinal);
        // Worded as Nøgletal words it: the plans produced, then how many of them were process notes, then their share.
        Assert.Matches(@"\n- Sociale handleplaner i 2010: udarbejdet \d+, heraf \d+ procesnotater \((?:[\d,]+ %|–)\)\n", oest.TextBody);
        Assert.Matches(@"<td>Sociale handleplaner i 2010</td><td[^>]*>Udarbejdet \d+, heraf \d+ procesnotater \((?:[\d,]+ %|–)\)</td>", oest.HtmlBody);
        Assert.Equal(["aktiveringsgrad.png", "faellesborgere-2010-02.xlsx"], oest.Attachments.OrderBy(a => a.Id).Select(a => a.FileName));
        Assert.Equal(DigestComposer.ChartContentId, oest.Attachments.Single(a => a.FileName.EndsWith(".png", StringComparison.Ordinal)).ContentId);
        Assert.Contains("src=\"cid:" + DigestComposer.ChartContentId + "\"", oest.HtmlBody, StringComparison.Ordinal);

        var amager = digests.Single(d => d.To.Contains(_scenario.AmagerTeam));
        Assert.Contains("- Fællesborgere i februar 2010: 5", amager.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Afgang siden måneden før: 1", amager.TextBody, StringComparison.Ordinal);
        var management = digests.Single(d => d.BusinessKey.EndsWith(":management", StringComparison.Ordinal));
        Assert.Equal([_scenario.Management], management.To);
        Assert.Contains("- Socialcenter \"Øst\"; Ærø: 3; 1; 0;", management.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AttachesAWorkbookThatOpens_WithTheCentresListsByCaseNumber()
    {
        await _scenario.RunDigestAsync("2010-03-03");

        var digests = await DigestsAsync();
        var amager = digests.Single(d => d.To.Contains(_scenario.AmagerTeam)).Attachments.Single(a => a.FileName.EndsWith(".xlsx", StringComparison.Ordinal));
        using var workbook = new MemoryStream(amager.Content);
        Assert.Equal([DigestWorkbook.EntryExitSheet, DigestWorkbook.GrossSheet], MiniExcel.GetSheetNames(workbook));
        var gross = Rows(workbook, DigestWorkbook.GrossSheet);
        Assert.Equal([DigestScenario.SofCase(1), DigestScenario.SofCase(2), DigestScenario.SofCase(4), DigestScenario.SofCase(5), DigestScenario.SofCase(3)], gross.Select(r => (string)r["SOF-sagsnr."]!));
        Assert.Equal(DigestScenario.BifCase(1), gross[0]["BIF-sagsnr."]);
        Assert.Equal("Handicappede", gross[0]["Målgruppe"]);
        var movements = Rows(workbook, DigestWorkbook.EntryExitSheet);
        Assert.Equal(("afgang", DigestScenario.SofCase(0)), ((string)movements.Single()["Til/afgang"]!, (string)movements.Single()["SOF-sagsnr."]!));
        Assert.Equal(new DateTime(2010, 1, 15), movements.Single()["Handleplan tilbudt"]);

        var all = digests.Single(d => d.BusinessKey.EndsWith(":management", StringComparison.Ordinal)).Attachments.Single(a => a.FileName.EndsWith(".xlsx", StringComparison.Ordinal));
        using var managementBook = new MemoryStream(all.Content);
        Assert.Equal([DigestWorkbook.OverviewSheet, "Socialcenter \"Øst\"; Ærø", "Socialcenter Amager"], MiniExcel.GetSheetNames(managementBook));
        Assert.Equal("tilgang", Rows(managementBook, "Socialcenter \"Øst\"; Ærø").Single(r => (string)r["SOF-sagsnr."]! == DigestScenario.SofCase(8))["Til/afgang"]);
    }

    [Fact]
    public async Task Run_DeliversTheDigest_WithTheChartInlineAndTheWorkbookAttached()
    {
        await _scenario.RunDigestAsync("2010-03-03");
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_scenario.Settings(), "dispatch")).ExitCode);

        using var mailDev = MailDevClient.Shared();
        var email = Assert.Single(await mailDev.WaitForAsync(_scenario.OestTeam, 1));
        Assert.Equal("Opfølgning på fællesborgere, februar 2010 – Socialcenter \"Øst\"; Ærø", email.Subject);
        Assert.Contains(email.Attachments!, a => a.FileName == "faellesborgere-2010-02.xlsx" && a.ContentType == DigestWorkbook.ContentType);
        Assert.Contains(email.Attachments!, a => a.ContentType == "image/png");
    }

    [Fact]
    public async Task Run_SendsARettelseOnce_SayingWhatChangedFromWhatToWhat_WhenTheMonthIsCorrectedAfterItsDigest()
    {
        await _scenario.RunDigestAsync("2010-03-03");
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Amager, 9, 10), (DigestScenario.Oest, 6, 9)); // one more at Amager

        var first = await _scenario.RunDigestAsync("2010-03-04");
        var second = await _scenario.RunDigestAsync("2010-03-05");

        var corrections = (await DigestsAsync()).Where(d => d.BusinessKey.Contains(":rettelse-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, corrections.Count); // the municipality's figures are in every digest
        Assert.Contains("rettelse af februar 2010 lagt i udbakken", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rettelse", second, StringComparison.Ordinal);
        var amager = corrections.Single(d => d.To.Contains(_scenario.AmagerTeam));
        Assert.Equal("Rettelse: Opfølgning på fællesborgere, februar 2010 – Socialcenter Amager", amager.Subject);
        Assert.Contains("- Centrets fællesborgere: 5 → 6", amager.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Kommunens fællesborgere: 8 → 9", amager.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Centrets afgang", amager.TextBody.Split("Til Socialcenter")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SendsNoOlderMonth_WhileTheLatestMonthsKpisAreStillBeingComputed()
    {
        await _scenario.ImportAsync("2010-03", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));
        await _scenario.Worker.Database.ExecuteAsync("INSERT INTO bifsof.kpi_stale_months (month, changed_at) VALUES ('2010-03-01', now())");

        var waiting = await _scenario.RunDigestAsync("2010-04-05");

        Assert.Contains("marts 2010 venter på sine nøgletal; ingen ældre måned sendes i stedet", waiting, StringComparison.Ordinal);
        Assert.Empty(await DigestsAsync()); // not February instead
    }

    [Fact]
    public async Task Run_HoldsAMonthWhoseSharedCitizensFell_UntilAnAdminConfirmsIt()
    {
        await _scenario.ImportAsync("2010-03", (DigestScenario.Amager, 1, 3)); // 8 → 2 shared citizens

        var held = await _scenario.RunDigestAsync("2010-04-05");

        Assert.Contains("marts 2010 venter på en administrators bekræftelse under Indlæsninger: fællesborgere 8 → 2 (-75,0 %) mod februar 2010", held, StringComparison.Ordinal);
        Assert.Empty(await DigestsAsync());
        await using (var scope = _scenario.Worker.Scope())
        {
            var holds = scope.ServiceProvider.GetRequiredService<DigestHolds>();
            Assert.True((await holds.EvaluateAsync(CancellationToken.None)).Single(m => m.Month == new DateOnly(2010, 3, 1)).Held);
            Assert.True(await holds.ConfirmAsync(new DateOnly(2010, 3, 1), "admin", CancellationToken.None));
            Assert.False(await holds.ConfirmAsync(new DateOnly(2010, 3, 1), "admin", CancellationToken.None));
        }

        await _scenario.RunDigestAsync("2010-04-06");

        Assert.Equal(["monthly-digest:2010-03:centre:Socialcenter Amager", "monthly-digest:2010-03:management"], (await DigestsAsync()).Select(d => d.BusinessKey));
    }

    [Fact]
    public async Task Run_JudgesEachImportedVersion_WhenTwoImportsOfAMonthComeBetweenTwoRuns()
    {
        await _scenario.RunDigestAsync("2010-03-03");
        // February replaced twice before the next run: first a file with far fewer citizens, then the good one again.
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 3));
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 6), (DigestScenario.Oest, 6, 9));

        await using var scope = _scenario.Worker.Scope();
        var versions = await scope.ServiceProvider.GetRequiredService<BifSofDbContext>().Database
            .SqlQuery<bool>($"SELECT held AS \"Value\" FROM bifsof.digest_month_reviews WHERE month = '2010-02-01' ORDER BY matched_at")
            .ToListAsync();
        // Each file's import matches the month anew: the sent version, the bad ones (held), the good one again.
        Assert.False(versions[0]);
        Assert.Contains(true, versions); // the bad version was seen and held, though no run came between
        Assert.False(versions[^1]);
    }

    [Fact]
    public async Task Run_HoldsACorrection_ThatMovesTheMonthAgainstItsPreviousVersion()
    {
        await _scenario.RunDigestAsync("2010-03-03");
        await _scenario.ImportAsync("2010-02", (DigestScenario.Amager, 1, 3)); // a wrong file: 8 → 2

        var report = await _scenario.RunDigestAsync("2010-03-04");

        Assert.Contains("rettelse af februar 2010 venter", report, StringComparison.Ordinal);
        Assert.Contains("mod månedens forrige version", report, StringComparison.Ordinal);
        Assert.Equal(3, (await DigestsAsync()).Count);
    }

    private static List<IDictionary<string, object?>> Rows(Stream workbook, string sheet)
    {
        workbook.Position = 0;
        return MiniExcel.Query(workbook, useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
    }
}
