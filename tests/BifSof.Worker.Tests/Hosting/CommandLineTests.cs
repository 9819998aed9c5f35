using BifSof.Worker.Hosting;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Tests.Hosting;

public class CommandLineTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private WorkerSettings Settings() => new(worker.Database.ConnectionString);

    [Fact]
    public async Task UserAdd_CreatesThenUpdatesAnAccount_WithThePasswordFromStdin()
    {
        var created = await CliRun.RunWithInputAsync(Settings(), "first-password-123\n", "user", "add", "Jens.Hansen", "--role", "viewer", "--password-stdin");
        var updated = await CliRun.RunWithInputAsync(Settings(), "second-password-123", "user", "add", "jens.hansen", "--role", "admin", "--password-stdin");

        Assert.Equal((ExitCodes.Success, "oprettet jens.hansen (viewer)"), (created.ExitCode, created.Out.Trim()));
        Assert.Equal((ExitCodes.Success, "opdateret jens.hansen (admin)"), (updated.ExitCode, updated.Out.Trim()));
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
        Assert.Contains("0 tilføjet", second.Out, StringComparison.Ordinal);
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
        Assert.StartsWith("Unrecognized command or argument 'frobnicate'.\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: BifSof.Worker", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("serve", "extra")]
    [InlineData("serve", "--urls", "http://127.0.0.1:1")]
    [InlineData("kpi", "2010-11", "--bogus")]
    public async Task UnknownWordOrOption_ExitsTwoWithOneLineReason_AndStartsNothing(params string[] args)
    {
        // A database of its own: serving would migrate it, so an untouched one shows nothing started.
        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var result = await CliRun.RunAsync(new WorkerSettings(database.ConnectionString), args);

            Assert.Equal(ExitCodes.Refused, result.ExitCode);
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
            var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Unrecognized command or argument '", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("Usage: BifSof.Worker", lines[1], StringComparison.Ordinal);
            Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('bifsof', 'hangfire')"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("kpi: YYYY-MM is missing", "kpi")]
    [InlineData("import: FILE is missing", "import", "--json")]
    [InlineData("run: JOB is missing", "run")]
    [InlineData("user add: NAME is missing", "user", "add", "--role", "viewer", "--password-stdin")]
    [InlineData("catalogue: say what to do: load.", "catalogue")]
    [InlineData("Option '--out' is required.", "demo")]
    public async Task MissingArgument_IsNamedOnTheFirstLine_FollowedByTheVerbsUsage(string expected, params string[] args)
    {
        var result = await CliRun.RunAsync(Settings(), args);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Usage: BifSof.Worker {args[0]}", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown command", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--citizens", "abc", "--citizens: 'abc' is not a whole number: use one from 1 to 1000000.")]
    [InlineData("--citizens", "0", "--citizens: 0 is out of range: use a whole number from 1 to 1000000.")]
    public async Task Demo_SaysWhyANumberIsRefused(string option, string value, string expected)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync(Settings(), "demo", option, value, "--out", folder.Path);
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal(expected, result.Error.Split('\n')[0]);
    }

    [Fact]
    public async Task Demo_RefusesAnUnwritableOut_OnOneLineNamingThePath()
    {
        using var folder = new TempFolder();
        var file = folder.Write("a-file", "not a folder");
        var target = Path.Combine(file, "demo");

        var result = await CliRun.RunAsync(Settings(), "demo", "--out", target, "--citizens", "10");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"demo: cannot write to {target}: ", line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RelativePaths_AreResolvedFromTheCallersFolder_AndMessagesShowTheFullPathTried()
    {
        using var folder = new TempFolder();
        Extracts.Write(folder, "bif_2008-10.csv", Extracts.File(Extracts.BifHeader, Extracts.Bif("6101801401", "2008-10", "BIF-9")));
        var caller = new CliConsole(new StringReader(string.Empty), new StringWriter(), new StringWriter()) { WorkingDirectory = folder.Path };

        var import = await RunInAsync(caller, "import", "bif_2008-10.csv");
        var missing = await RunInAsync(caller with { Out = new StringWriter(), Error = new StringWriter() }, "catalogue", "load", "strategy.yaml");

        Assert.True(import.ExitCode == ExitCodes.Success, import.Error);
        Assert.Equal("bif_2008-10.csv: indlæst (BIF, oktober 2008, 1 række)", import.Out.Trim());
        Assert.Equal(ExitCodes.Refused, missing.ExitCode);
        Assert.Equal($"catalogue load: no such file: {Path.Combine(folder.Path, "strategy.yaml")}", missing.Error.Trim());
    }

    private async Task<CliResult> RunInAsync(CliConsole console, params string[] args)
    {
        var exit = await WorkerCommandLine.RunAsync(args, console, Settings().Apply);
        return new CliResult(exit, console.Out.ToString()!, console.Error.ToString()!);
    }

    [Fact]
    public async Task Import_SaysInDanishWhatItRefused_WithTheFullPathOfAMissingFile()
    {
        using var folder = new TempFolder();
        var bad = Extracts.Write(folder, "sof_2008-11.csv", Extracts.File(Extracts.SofHeader, Extracts.Sof("6101801402", "2008-11", "SOF-9", unit: "x")));
        var missing = Path.Combine(folder.Path, "bif_2008-11.csv");

        var result = await CliRun.RunAsync(Settings(), "import", bad, missing);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sof_2008-11.csv: afvist (SOF, november 2008, 1 række), 1 fejl", lines[0]);
        Assert.StartsWith("  linje 2, kolonne enhed, 'x': ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"bif_2008-11.csv: afvist: filen findes ikke: {missing}", lines[2]);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("catalogue", "load")]
    [InlineData("run")]
    [InlineData("import")]
    [InlineData("kpi")]
    [InlineData("dispatch")]
    [InlineData("demo")]
    [InlineData("user", "add")]
    [InlineData("user", "list")]
    [InlineData("user", "remove")]
    [InlineData("user", "unlock")]
    public async Task Help_DescribesEveryVerb_WithoutStartingIt(params string[] verb)
    {
        var result = await CliRun.RunAsync(Settings(), [.. verb, "--help"]);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains(verb[^1], result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KpiHelp_DocumentsJson()
    {
        var result = await CliRun.RunAsync(Settings(), "kpi", "--help");
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_AreTakenInAnyOrder()
    {
        var result = await CliRun.RunWithInputAsync(Settings(), "some-password-123", "user", "add", "--password-stdin", "--role", "viewer", "order.test");
        Assert.Equal((ExitCodes.Success, "oprettet order.test (viewer)"), (result.ExitCode, result.Out.Trim()));
    }

    [Fact]
    public async Task UserListAndRemove_ShowTheAccounts_AndRemoveOne()
    {
        await CliRun.RunWithInputAsync(Settings(), "some-password-123", "user", "add", "going.soon", "--role", "admin", "--password-stdin");

        var before = await CliRun.RunAsync(Settings(), "user", "list");
        var removed = await CliRun.RunAsync(Settings(), "user", "remove", "Going.Soon");
        var again = await CliRun.RunAsync(Settings(), "user", "remove", "going.soon");
        var after = await CliRun.RunAsync(Settings(), "user", "list");

        Assert.Equal(ExitCodes.Success, before.ExitCode);
        Assert.StartsWith("bruger", before.Out, StringComparison.Ordinal);
        Assert.Contains(before.Out.Split('\n'), l => l.StartsWith("going.soon", StringComparison.Ordinal) && l.Contains(" admin ", StringComparison.Ordinal));
        Assert.Equal((ExitCodes.Success, "slettet going.soon"), (removed.ExitCode, removed.Out.Trim()));
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.DoesNotContain("going.soon", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RecordsItsRunAsTheRecurringJobsLastExecution_WithItsReport()
    {
        // Hangfire's own objects, not the container's: resolving those would add this fixture's job filters to Hangfire's
        // process-wide list, where they outlive it and break the serving worker's jobs.
        var options = new PostgreSqlStorageOptions { SchemaName = DatabaseOptions.HangfireSchema, PrepareSchemaIfNecessary = true };
        var beforeRegistered = await CliRun.RunAsync(Settings(), "run", "outbox-dispatch");
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(worker.Database.ConnectionString, options), options);
        using var connection = storage.GetConnection();
        Assert.True(beforeRegistered.ExitCode == ExitCodes.Success, beforeRegistered.Error);
        Assert.Empty(connection.GetRecurringJobs());
        WorkerApp.Jobs().RegisterAll(new RecurringJobManager(storage), storage);
        Assert.Null(connection.GetRecurringJobs().Single(j => j.Id == "outbox-dispatch").LastExecution);

        var result = await CliRun.RunAsync(Settings(), "run", "outbox-dispatch", "--as-of", "2010-03-03");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var job = connection.GetRecurringJobs().Single(j => j.Id == "outbox-dispatch");
        Assert.NotNull(job.LastExecution);
        Assert.True(job.LastExecution > TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5), "the wall clock, not the --as-of day");
        var state = connection.GetStateData(job.LastJobId);
        Assert.Equal("Succeeded", state.Name);
        Assert.Contains("sendt ", state.Data["Result"], StringComparison.Ordinal);
        Assert.Contains("--as-of 2010-03-03", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsoleFormatter_WritesDatesInIso8601_NotTheInvariantCulturesUsOrder()
    {
        var values = new List<KeyValuePair<string, object?>>
        {
            new("Day", new DateOnly(2010, 3, 3)),
            new("Queued", 9),
            new("{OriginalFormat}", "Milestone reminders for {Day}: {Queued} queued"),
        };
        Assert.Equal("Milestone reminders for 2010-03-03: 9 queued", WorkerConsoleFormatter.WithIsoDates(values));
    }

    [Fact]
    public void ConsoleFormatter_LeavesOutOnlyTheMigrationHistoryProbeOfAFreshDatabase()
    {
        static List<KeyValuePair<string, object?>> Command(string sql) => [new("commandText", sql), new("{OriginalFormat}", "{commandText}")];
        const string Category = "Microsoft.EntityFrameworkCore.Database.Command";
        var probe = Command("SELECT migration_id, product_version\nFROM bifsof.__ef_migrations_history\nORDER BY migration_id;");

        Assert.True(WorkerConsoleFormatter.IsMigrationHistoryProbe(Category, new EventId(20102), probe));
        Assert.False(WorkerConsoleFormatter.IsMigrationHistoryProbe(Category, new EventId(20102), Command("SELECT * FROM bifsof.owners")));
        Assert.False(WorkerConsoleFormatter.IsMigrationHistoryProbe(Category, new EventId(20102), Command("INSERT INTO bifsof.__ef_migrations_history VALUES ('x', 'y')")));
        Assert.False(WorkerConsoleFormatter.IsMigrationHistoryProbe(Category, new EventId(20101), probe));
        Assert.False(WorkerConsoleFormatter.IsMigrationHistoryProbe("Other", new EventId(20102), probe));
    }
}

