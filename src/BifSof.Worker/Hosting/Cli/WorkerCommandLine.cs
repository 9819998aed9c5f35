using System.Globalization;
using System.Text.Json;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Extracts.Demo;
using BifSof.Worker.Features.Mail;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Cli;

/// <summary>
/// The verbs of docs/cli.md. Each builds the worker's services, runs the start-up checks (options, templates,
/// migrations), does its work, prints its result on stdout and returns 0, 2 (input refused) or 1.
/// </summary>
public static class WorkerCommandLine
{
    public const string Usage =
        """
        Usage: BifSof.Worker [VERB ...]
          (none) | serve                         run the worker and the dashboard (/hangfire)
          catalogue load [FILE]                  load or refresh the strategy catalogue
          run JOB [--as-of YYYY-MM-DD]           run one recurring job once, now, with the clock set to that date
          import FILE... [--json]                import BIF/SOF extracts; a refused file changes nothing
          kpi YYYY-MM [--json]                   compute (again) and print the month's KPIs
          dispatch                               deliver the pending outbox now
          demo --out DIR [--citizens N] [--seed S]
                                                 write synthetic extracts for 2009-01 … 2011-12
          user add NAME --role admin|viewer --password-stdin
                                                 create or update a dashboard account
        """;

    public static async Task<int> RunAsync(string[] args, CliConsole? console = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        console ??= CliConsole.System;
        try
        {
            return args switch
            {
                [] => await ServeAsync([], configure),
                [var first, ..] when first.StartsWith("--", StringComparison.Ordinal) && first is not "--help" => await ServeAsync(args, configure),
                ["serve", .. var rest] => await ServeAsync(rest, configure),
                ["catalogue", "load"] => await CatalogueLoadAsync(null, console, configure),
                ["catalogue", "load", var file] => await CatalogueLoadAsync(file, console, configure),
                ["run", var job, .. var rest] => await RunJobAsync(job, rest, console, configure),
                ["dispatch"] => await DispatchAsync(console, configure),
                ["kpi", var month] => await KpiAsync(month, json: false, console, configure),
                ["kpi", var month, "--json"] => await KpiAsync(month, json: true, console, configure),
                ["kpi", "--json", var month] => await KpiAsync(month, json: true, console, configure),
                ["demo", .. var rest] => await DemoAsync(rest, console, configure),
                ["import", .. var files] when files.Any(f => f != "--json") => await ImportAsync(files, console, configure),
                ["user", "add", var name, .. var rest] => await UserAddAsync(name, rest, console, configure),
                ["help" or "--help" or "-h"] => Help(console),
                _ => Refuse(console, $"Unknown command: {string.Join(' ', args)}\n{Usage}"),
            };
        }
        catch (StartupException ex)
        {
            foreach (var line in ex.Lines)
            {
                await console.Error.WriteLineAsync(line);
            }

            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Our exceptions carry case numbers at most, never CPR. The first line says what failed; the trace is for operators.
            await console.Error.WriteLineAsync($"Failed: {ex.GetType().Name}: {ex.Message}");
            await console.Error.WriteLineAsync(ex.StackTrace);
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> ServeAsync(string[] configArgs, Action<WebApplicationBuilder>? configure)
    {
        await using var app = await WorkerApp.StartServingAsync(configArgs, configure, CancellationToken.None);
        await app.WaitForShutdownAsync();
        return ExitCodes.Success;
    }

    private static async Task<int> CatalogueLoadAsync(string? file, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        await using var app = await StartAsync(configure);
        await using var scope = app.Services.CreateAsyncScope();
        file ??= scope.ServiceProvider.GetRequiredService<IOptions<BifSofOptions>>().Value.CatalogueFile;
        if (!File.Exists(file))
        {
            return Refuse(console, $"{file}: no such file.");
        }

        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<CatalogueLoader>().LoadAsync(file, CancellationToken.None);
            await console.Out.WriteLineAsync(report.ToString());
            return ExitCodes.Success;
        }
        catch (CatalogueException ex)
        {
            return Refuse(console, ex.Message);
        }
    }

    private static async Task<int> RunJobAsync(string id, string[] rest, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        DateOnly? asOf = null;
        switch (rest)
        {
            case []:
                break;
            case ["--as-of", var text] when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                asOf = date;
                break;
            default:
                return Refuse(console, $"run {id}: expected '--as-of YYYY-MM-DD', got '{string.Join(' ', rest)}'.");
        }

        await using var app = await StartAsync(builder =>
        {
            configure?.Invoke(builder);
            if (asOf is { } day && builder.WorkerJobs().Find(id) is { } known)
            {
                builder.Services.AddSingleton<TimeProvider>(new FixedClock(day, known.RunsAt));
            }
        });
        var jobs = app.Services.GetRequiredService<WorkerJobs>();
        var job = jobs.Find(id);
        if (job is null)
        {
            return Refuse(console, $"Unknown job '{id}'. Jobs: {string.Join(", ", jobs.All.Select(j => j.Id))}.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<Features.Jobs.JobPauses>().IsPausedAsync(job.Id, CancellationToken.None))
        {
            return Refuse(console, $"{job.Id} is paused on the dashboard (Planlagte job); resume it there first.");
        }

        var report = await job.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
        await console.Out.WriteLineAsync($"{job.Id}: {report}");
        return ExitCodes.Success;
    }

    private static async Task<int> ImportAsync(string[] args, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToList();
        await using var app = await StartAsync(configure);
        var reports = new List<ImportReport>();
        foreach (var file in files)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ExtractImporter>().ImportAsync(file, CancellationToken.None);
            reports.Add(report);
            if (!json)
            {
                await console.Out.WriteLineAsync(Describe(report));
            }
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(reports, JsonOutput.Compact));
        }

        return reports.Any(r => r.Status == ImportReport.Rejected) ? ExitCodes.Refused : ExitCodes.Success;
    }

    private static string Describe(ImportReport report)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{report.File}: {report.Status}");
        text.Append(CultureInfo.InvariantCulture, $" ({report.Source ?? "?"} {report.Month ?? "?"}, {report.Rows} rows)");
        if (report.ErrorCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {report.ErrorCount} errors");
            foreach (var error in report.Errors)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  line {error.Line}{(error.Column is null ? string.Empty : $", {error.Column}")}{(error.Value is null ? string.Empty : $" '{error.Value}'")}: {error.Message}");
            }

            if (report.ErrorCount > report.Errors.Count)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  … and {report.ErrorCount - report.Errors.Count} more");
            }
        }

        return text.ToString();
    }

    private static async Task<int> DemoAsync(string[] args, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        string? outDir = null;
        var citizens = DemoExtractGenerator.DefaultCitizens;
        var seed = DemoExtractGenerator.DefaultSeed;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = (args[i], value) switch
            {
                ("--out", { Length: > 0 }) => (outDir = value) is not null,
                ("--citizens", _) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out citizens) && citizens is >= 1 and <= 1_000_000,
                ("--seed", _) => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed),
                _ => false,
            };
            if (!ok)
            {
                return Refuse(console, "demo --out DIR [--citizens N (1 to 1000000)] [--seed S]");
            }
        }

        if (outDir is null)
        {
            return Refuse(console, "demo: --out DIR is required.");
        }

        // The contract: every verb applies pending migrations first, this one too.
        await using var app = await StartAsync(configure);
        var files = new DemoExtractGenerator(citizens, seed).Write(outDir);
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {files.Count} files to {Path.GetFullPath(outDir)} ({citizens} citizens, seed {seed})"));
        return ExitCodes.Success;
    }

    private static async Task<int> KpiAsync(string text, bool json, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        if (!ExtractValues.TryParseMonth(text, out var month))
        {
            return Refuse(console, $"kpi: '{text}' is not a month (YYYY-MM).");
        }

        await using var app = await StartAsync(configure);
        await using var scope = app.Services.CreateAsyncScope();
        var kpis = await scope.ServiceProvider.GetRequiredService<Features.Kpis.KpiService>().ComputeAsync(month, CancellationToken.None);
        if (kpis is null)
        {
            return Refuse(console, $"kpi: both extracts of {text} must be imported before its KPIs can be computed.");
        }

        await console.Out.WriteLineAsync(json ? JsonSerializer.Serialize(kpis, JsonOutput.Compact) : Features.Kpis.KpiText.Describe(kpis));
        return ExitCodes.Success;
    }

    private static async Task<int> DispatchAsync(CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        await using var app = await StartAsync(configure);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
            await console.Out.WriteLineAsync(report.ToString());
            return ExitCodes.Success;
        }
        catch (SmtpUnavailableException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> UserAddAsync(string name, string[] rest, CliConsole console, Action<WebApplicationBuilder>? configure)
    {
        if (rest is not ["--role", var role, "--password-stdin"] && rest is not ["--password-stdin", "--role", var _])
        {
            return Refuse(console, "user add NAME --role admin|viewer --password-stdin");
        }

        role = rest[0] == "--role" ? rest[1] : rest[2];
        var password = (await console.In.ReadToEndAsync()).TrimEnd('\r', '\n');
        var problem = AccountService.Check(name, role, password);
        if (problem is not null)
        {
            return Refuse(console, $"user add: {problem}");
        }

        await using var app = await StartAsync(configure);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>().AddOrUpdateAsync(name, role, password, CancellationToken.None);
        await console.Out.WriteLineAsync($"{(created ? "created" : "updated")} {name.Trim().ToLowerInvariant()} ({role})");
        return ExitCodes.Success;
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? configure)
    {
        var app = WorkerApp.Build([], runServer: false, configure);
        try
        {
            await StartupChecks.RunAsync(app.Services, CancellationToken.None);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static int Help(CliConsole console)
    {
        console.Out.WriteLine(Usage);
        return ExitCodes.Success;
    }

    private static int Refuse(CliConsole console, string message)
    {
        console.Error.WriteLine(message);
        return ExitCodes.Refused;
    }
}
