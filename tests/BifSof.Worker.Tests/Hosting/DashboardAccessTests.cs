using System.Net;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Hosting;

[Collection(ServingWorkerGroup.Name)]
public class DashboardAccessTests(ServingWorker worker)
{
    public static TheoryData<string> DashboardPaths => new()
    {
        "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded", "/hangfire/servers", "/hangfire/udsendelser", "/hangfire/milepaele", "/hangfire/indlaesninger", "/hangfire/noegletal", "/hangfire/noegletal/eksport.csv", "/hangfire/planlagte-job", "/hangfire/stats",
    };

    [Theory]
    [MemberData(nameof(DashboardPaths))]
    public async Task Anonymous_GetsTheLoginPageAndNoData_OnEveryDashboardPath(string path)
    {
        using var client = worker.Client();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("outbox-dispatch", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_CannotTriggerAJob()
    {
        using var client = worker.Client();
        using var response = await client.PostAsync(
            new Uri("/hangfire/recurring/trigger", UriKind.Relative),
            new FormUrlEncodedContent([new("jobs[]", "outbox-dispatch")]));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Basic_WithAWrongPassword_Gets401AndAChallenge()
    {
        using var client = worker.Client("admin", "wrong-password-123");
        using var response = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Basic_Viewer_SeesTheRecurringJobs_WithoutTheButtonsThatChangeThem()
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        var body = await client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Contains("outbox-dispatch", body, StringComparison.Ordinal);
        Assert.Contains("Udsend e-mails fra udbakken", body, StringComparison.Ordinal);
        Assert.DoesNotContain("js-jobs-list-command", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_Viewer_IsRefused_WhenPostingADashboardCommand()
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        using var response = await client.PostAsync(new Uri("/hangfire/udsendelser/testmail", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.False(response.IsSuccessStatusCode, $"viewer got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/hangfire/milepaele")]
    [InlineData("/login")]
    public async Task Pages_ShowNoDemoBanner_WhenNoDemoDateIsSet(string path)
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        var body = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("</html>", body, StringComparison.Ordinal); // a whole page came back
        Assert.DoesNotContain("Demo: dagen er", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_Viewer_SeesEveryMilestoneOnMilepaele_OverdueFirst()
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        var body = await client.GetStringAsync(new Uri("/hangfire/milepaele", UriKind.Relative));
        Assert.Contains("<h1 class=\"page-header\">Milepæle</h1>", body, StringComparison.Ordinal);
        Assert.Contains("Forslag til udmøntning af grøn linie forelægges styregruppen", body, StringComparison.Ordinal);
        Assert.Contains("over frist", body, StringComparison.Ordinal);
        // Today, every milestone of the 2009–2011 strategy that is still open is overdue, so the first row is one.
        var firstRow = body[(body.IndexOf("<tbody>", StringComparison.Ordinal) + "<tbody>".Length)..].TrimStart();
        Assert.StartsWith("<tr class=\"danger\">", firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milepaele_ShowsThePlanAsOfAChosenDay()
    {
        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        var body = await client.GetStringAsync(new Uri("/hangfire/milepaele?pr=2010-03-03", UriKind.Relative));
        Assert.Contains("pr. 3. marts 2010", body, StringComparison.Ordinal);
        Assert.Contains("21 dage", body, StringComparison.Ordinal); // the working group meeting of 10 February 2010
    }

    [Fact]
    public async Task Indlaesninger_ShowsFilesMonthsAndMaskedErrors_ButNoCpr()
    {
        using var folder = new TempFolder();
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<ExtractImporter>();
            await importer.ImportAsync(Extracts.Write(folder, "bif_2008-11.csv", Extracts.File(Extracts.BifHeader, Extracts.Bif("6311771234", "2008-11", "BIF-77"))), CancellationToken.None);
            await importer.ImportAsync(Extracts.Write(folder, "sof_2008-11.csv", Extracts.File(Extracts.SofHeader, Extracts.Sof("6311771234", "2008-11", "SOF-77", unit: "ukendt"))), CancellationToken.None);
        }

        using var client = worker.Client("viewer", ServingWorker.ViewerPassword);
        var body = await client.GetStringAsync(new Uri("/hangfire/indlaesninger", UriKind.Relative));

        Assert.Contains("bif_2008-11.csv", body, StringComparison.Ordinal);
        Assert.Contains("november 2008", body, StringComparison.Ordinal);
        Assert.Contains("afvist", body, StringComparison.Ordinal);
        Assert.Contains("venter på begge udtræk", body, StringComparison.Ordinal);
        Assert.Contains("linje 2, enhed (ukendt)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("6311771234", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_Admin_SeesTheButtons()
    {
        using var client = worker.Client("admin", ServingWorker.AdminPassword);
        var body = await client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Contains("js-jobs-list-command", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/servers")]
    [InlineData("/hangfire/udsendelser")]
    public async Task Dashboard_NeverShowsTheStorageConnectionString(string path)
    {
        using var client = worker.Client("admin", ServingWorker.AdminPassword);
        var body = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var database = new Npgsql.NpgsqlConnectionStringBuilder(worker.Database.ConnectionString).Database!;
        Assert.DoesNotContain(database, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ReportsTheDatabase_WithoutLogin()
    {
        using var client = worker.Client();
        var body = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal("""{"status":"healthy","database":"reachable","pendingMigrations":0}""", body);
    }
}
