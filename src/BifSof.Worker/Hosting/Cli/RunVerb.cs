using System.CommandLine;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Features.Jobs;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>run JOB [--as-of YYYY-MM-DD]</c>: one recurring job once, now, recorded as the job's last run.</summary>
internal static class RunVerb
{
    public const string Synopsis = "run JOB [--as-of YYYY-MM-DD]";

    public static Command Create(CliContext context)
    {
        // The features add the jobs while a host is built; looked up only when this verb is used.
        var jobs = new Lazy<WorkerJobs>(WorkerApp.Jobs);
        var job = new Argument<string>("JOB")
        {
            Description = "The job's id, as on the dashboard and in docs/cli.md: milestone-reminders, outbox-dispatch, import-inbox, monthly-kpis, social-plan-chase, benefit-stop-advisories, coordination-meetings, monthly-digest, data-retention.",
        };
        job.Validators.Add(result =>
        {
            var id = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (jobs.Value.Find(id) is null)
            {
                result.AddError($"Unknown job '{id}'. Jobs: {string.Join(", ", jobs.Value.All.Select(j => j.Id))}.");
            }
        });
        var asOf = CliValues.AsOf("Run as the schedule would on that day, at the job's time of day (Copenhagen). Default: now.");
        var command = new Command("run", "Run one recurring job once, now. The run is recorded as the job's last run (\"Planlagte job\", Hangfire's job list). A job paused on the dashboard is refused.")
        {
            job,
            asOf,
        };
        command.SetAction((result, _) => RunAsync(context, jobs.Value.Find(result.GetValue(job)!)!, result.GetValue(asOf)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, WorkerJob job, DateOnly? asOf)
    {
        await using var app = await context.StartAsync(builder =>
        {
            if (asOf is { } day)
            {
                builder.Services.AddSingleton<TimeProvider>(new FixedClock(day, job.RunsAt));
            }
        });
        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<JobPauses>().IsPausedAsync(job.Id, CancellationToken.None))
        {
            return context.Refuse($"{job.Id} is paused on the dashboard (Planlagte job); resume it there first.");
        }

        var started = TimeProvider.System.GetTimestamp();
        var report = await job.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
        CommandLineRuns.Record(scope.ServiceProvider, job, asOf, report, TimeProvider.System.GetElapsedTime(started));
        await context.WriteAsync($"{job.Id}: {report}");
        return ExitCodes.Success;
    }
}
