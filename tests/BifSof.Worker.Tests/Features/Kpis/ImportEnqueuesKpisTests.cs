using System.Diagnostics;
using BifSof.Worker.Features.Kpis;
using BifSof.Worker.Hosting.Cli;
using BifSof.Worker.Tests.Fixtures;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Kpis;

/// <summary>
/// A month's KPIs do not wait for the <c>monthly-kpis</c> schedule: the import that brings the month's second extract
/// enqueues their computation in Hangfire's storage, also from the <c>import</c> verb, a process without a Hangfire
/// server. The verb runs as its own process, as in production; nothing runs the recurring job, and the test performs
/// the job the import enqueued, as the serving worker would.
/// </summary>
public sealed class ImportEnqueuesKpisTests(WorkerServices worker) : IClassFixture<WorkerServices>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        if (await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.population_rules") == 0)
        {
            Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(worker.Settings, "catalogue", "load")).ExitCode);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportVerb_EnqueuesTheMonthsComputation_WhenItsSecondExtractIsIn()
    {
        const string cpr = "6101841111", month = "2012-10";
        await ImportVerbAsync("bif_2012-10.csv", File(BifHeader, Bif(cpr, month, "BIF-1", model: "3", group: "2", activated: "ja", type: "loentilskud")));
        Assert.Empty(await EnqueuedRunsAsync(month)); // half a month has no figures
        await ImportVerbAsync("sof_2012-10.csv", File(SofHeader, Sof(cpr, month, "SOF-1")));

        var run = Assert.Single(await EnqueuedRunsAsync(month));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.monthly_kpis WHERE month = '2012-10-01'"));
        var report = await PerformAsync(run);

        Assert.Equal("nøgletal beregnet for 1 måned: 2012-10 (1 fællesborger)", report);
        Assert.Equal(1m, await worker.Database.ScalarAsync<decimal>("SELECT (figures->'activation'->>'rate')::numeric FROM bifsof.monthly_kpis WHERE month = '2012-10-01'"));
        Assert.Equal(0L, await worker.Database.ScalarAsync<long>("SELECT count(*) FROM bifsof.kpi_stale_months WHERE month = '2012-10-01'"));
    }

    /// <summary>Runs <c>import FILE</c> as the executable, in a process of its own, on this class's database.</summary>
    private async Task ImportVerbAsync(string name, string content)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "BifSof.Worker.dll"), "import", Write(_folder, name, content)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in worker.Settings.Values)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var verb = Process.Start(start)!;
        var output = verb.StandardOutput.ReadToEndAsync();
        var error = verb.StandardError.ReadToEndAsync();
        await verb.WaitForExitAsync();
        Assert.True(verb.ExitCode == ExitCodes.Success, $"{await output}\n{await error}");
    }

    /// <summary>
    /// The runs of <see cref="MonthlyKpisJob.ComputeMonthAsync"/> for the month waiting in Hangfire's queue, read from its
    /// tables: this process's own Hangfire configuration is not involved.
    /// </summary>
    private async Task<List<Job>> EnqueuedRunsAsync(string month)
    {
        var runs = new List<Job>();
        if (!await worker.Database.ScalarAsync<bool>("SELECT to_regclass('hangfire.job') IS NOT NULL"))
        {
            return runs; // Hangfire's storage is set up by the first process that uses it: nothing was enqueued yet.
        }

        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT invocationdata->>'Type', invocationdata->>'Method', invocationdata->>'ParameterTypes', arguments::text
            FROM hangfire.job WHERE statename = 'Enqueued'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var job = new InvocationData(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)).DeserializeJob();
            if (job.Method.Name == nameof(MonthlyKpisJob.ComputeMonthAsync) && Equals(job.Args[0], month))
            {
                runs.Add(job);
            }
        }

        return runs;
    }

    /// <summary>Performs the stored job as a server would: its class from a fresh scope, its stored arguments, a live token.</summary>
    private async Task<string> PerformAsync(Job run)
    {
        await using var scope = worker.Scope();
        var job = scope.ServiceProvider.GetRequiredService(run.Type);
        var arguments = run.Args.Select(a => a is CancellationToken ? CancellationToken.None : a).ToArray();
        return await (Task<string>)run.Method.Invoke(job, arguments)!;
    }
}
