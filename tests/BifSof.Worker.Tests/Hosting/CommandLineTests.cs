using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Hosting;

public class CommandLineTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private WorkerSettings Settings() => new(worker.Database.ConnectionString);

    [Fact]
    public async Task UserAdd_CreatesThenUpdatesAnAccount_WithThePasswordFromStdin()
    {
        var created = await CliRun.RunWithInputAsync(Settings(), "first-password-123\n", "user", "add", "Jens.Hansen", "--role", "viewer", "--password-stdin");
        var updated = await CliRun.RunWithInputAsync(Settings(), "second-password-123", "user", "add", "jens.hansen", "--role", "admin", "--password-stdin");

        Assert.Equal((ExitCodes.Success, "created jens.hansen (viewer)"), (created.ExitCode, created.Out.Trim()));
        Assert.Equal((ExitCodes.Success, "updated jens.hansen (admin)"), (updated.ExitCode, updated.Out.Trim()));
        Assert.Equal(1L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.dashboard_users WHERE user_name = 'jens.hansen' AND role = 'admin'"));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.dashboard_users WHERE password_hash LIKE '%second-password%'"));
    }

    [Theory]
    [InlineData("long-enough-password", "--role", "root", "role 'root' is unknown")]
    [InlineData("short", "--role", "viewer", "at least 12 characters")]
    public async Task UserAdd_RefusesWithExitCode2_WhenInputIsBad(string password, string flag, string role, string expected)
    {
        var result = await CliRun.RunWithInputAsync(Settings(), password, "user", "add", "someone", flag, role, "--password-stdin");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogueLoad_LoadsTheStrategy_AndKeepsStatusThatAnOwnerReported_WhenLoadedAgain()
    {
        var first = await CliRun.RunAsync(Settings(), "catalogue", "load");
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        await worker.Database.ExecuteAsync(
            "UPDATE bifsof.milestones SET status = 'done', due_date = '2010-04-01', reported_by_owner = true WHERE id = '1.2c-groen-linie-forslag-styregruppe'");

        var second = await CliRun.RunAsync(Settings(), "catalogue", "load", Repository.Catalogue);

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Contains("0 added", second.Out, StringComparison.Ordinal);
        Assert.Equal("done", await worker.Database.ScalarAsync<string>("SELECT status FROM bifsof.milestones WHERE id = '1.2c-groen-linie-forslag-styregruppe'"));
        Assert.Equal(20L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.initiatives WHERE in_catalogue"));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.milestones WHERE NOT in_catalogue"));
    }

    [Fact]
    public async Task CatalogueLoad_RefusesAnInconsistentFile_WithExitCode2_AndChangesNothing()
    {
        await CliRun.RunAsync(Settings(), "catalogue", "load");
        var before = await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.owners");
        using var folder = new TempFolder();
        var broken = folder.Write(
            "strategy.yaml",
            File.ReadAllText(Repository.Catalogue).Replace("key: specialenheden", "key: renamed", StringComparison.Ordinal));

        var result = await CliRun.RunAsync(Settings(), "catalogue", "load", broken);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("strategy.yaml: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.owners"));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.owners WHERE key = 'renamed'"));
    }

    [Fact]
    public async Task CatalogueLoad_TakesOwnerAddressesFromConfiguration_WhenSet()
    {
        var result = await CliRun.RunAsync(Settings().With("Catalogue:Owners:bif:Email", "jobcenter@kk.dk"), "catalogue", "load");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("jobcenter@kk.dk", await worker.Database.ScalarAsync<string>("SELECT email FROM bifsof.owners WHERE key = 'bif'"));
    }

    [Fact]
    public async Task Run_RefusesAnUnknownJob_AndABadDate_WithExitCode2()
    {
        var unknown = await CliRun.RunAsync(Settings(), "run", "no-such-job");
        var badDate = await CliRun.RunAsync(Settings(), "run", "outbox-dispatch", "--as-of", "17-03-2010");
        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("outbox-dispatch", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, badDate.ExitCode);
    }

    [Fact]
    public async Task RunAndDispatch_DeliverThePendingOutbox_AndPrintWhatTheyDid()
    {
        var run = await CliRun.RunAsync(Settings(), "run", "outbox-dispatch", "--as-of", "2010-03-03");
        var dispatch = await CliRun.RunAsync(Settings(), "dispatch");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("outbox-dispatch: sendt ", run.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, dispatch.ExitCode);
        Assert.Contains("venter stadig 0", dispatch.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_ExitsWith1AndSaysSo_WhenTheSmtpServerIsDown()
    {
        var port = ExtraMailDev.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await CliRun.RunAsync(Settings().With("Smtp:Port", port), "dispatch");
        Assert.Equal(ExitCodes.Success, result.ExitCode);

        await worker.Database.ExecuteAsync(
            """
            INSERT INTO bifsof.outbox_messages (business_key, message_id, template, "to", cc, subject, html_body, text_body, status, attempts)
            VALUES ('cli-down', 'x@bifsof.example.dk', 'testmail', '{a@test.example.dk}', '{}', 's', 'h', 't', 'Pending', 0)
            """);
        var down = await CliRun.RunAsync(Settings().With("Smtp:Port", port), "dispatch");
        Assert.Equal(ExitCodes.Failure, down.ExitCode);
        Assert.Contains("stay pending", down.Error, StringComparison.Ordinal);
        await CliRun.RunAsync(Settings(), "dispatch");
    }

    [Theory]
    [InlineData("Smtp:Host", "", "Smtp__Host")]
    [InlineData("Smtp:From", "nobody", "Smtp__From")]
    [InlineData("BifSof:PseudonymKey", "short", "BifSof__PseudonymKey")]
    [InlineData("Dashboard:SessionHours", "48", "Dashboard__SessionHours")]
    [InlineData("ConnectionStrings:BifSof", "", "ConnectionStrings__BifSof")]
    public async Task AnyVerb_StopsWithOneLineNamingTheSetting_WhenConfigurationIsWrong(string key, string value, string setting)
    {
        var result = await CliRun.RunAsync(Settings().With(key, value), "dispatch");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyVerb_StopsNamingFileAndLine_WhenATemplateIsBroken()
    {
        using var templates = TempFolder.WithTemplates();
        templates.Write("testmail.text.sbn", "Hej\n{{ if }}\n");
        var result = await CliRun.RunAsync(Settings().With("BifSof:TemplatesPath", templates.Path), "dispatch");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("Template error: testmail.text.sbn, line 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StopsNamingFileAndLine_WhenATemplateIsBroken()
    {
        using var templates = TempFolder.WithTemplates();
        templates.Write("_layout.html.sbn", "<html>{{ content </html>");
        var result = await CliRun.RunAsync(Settings().With("BifSof:TemplatesPath", templates.Path), "serve");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("Template error: _layout.html.sbn, line 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_IsRefusedWithTheUsage()
    {
        var result = await CliRun.RunAsync(Settings(), "frobnicate");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("Usage: BifSof.Worker", result.Error, StringComparison.Ordinal);
    }
}
