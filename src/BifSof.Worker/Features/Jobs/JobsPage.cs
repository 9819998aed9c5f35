using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;
using Hangfire.Storage;

namespace BifSof.Worker.Features.Jobs;

/// <summary>
/// "Planlagte job": every recurring job with its Danish name, schedule, last and next run and whether it is paused;
/// admins pause and resume here. A paused job's runs are cancelled before they do any work, whoever starts them.
/// </summary>
internal sealed class JobsPage(WorkerJobs jobs, JobPauses pauses) : IDashboardPage
{
    public const string Path = "/planlagte-job";

    public async Task<object> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var paused = await pauses.AllAsync(cancellationToken);
        Dictionary<string, RecurringJobDto> recurring;
        using (var connection = request.Storage.GetConnection())
        {
            recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
        }

        return new
        {
            Rows = jobs.All.Select(job =>
            {
                recurring.TryGetValue(job.Id, out var state);
                paused.TryGetValue(job.Id, out var pause);
                return new
                {
                    Name = job.DisplayName,
                    Schedule = CronText.Describe(job.Cron),
                    Last = state?.LastExecution is { } last ? DanishFormat.DateTime(new DateTimeOffset(last, TimeSpan.Zero)) : "–",
                    Next = state?.NextExecution is { } next ? DanishFormat.DateTime(new DateTimeOffset(next, TimeSpan.Zero)) : "–",
                    Paused = pause is null ? null : new { At = DanishFormat.DateTime(pause.PausedAt), By = pause.PausedBy },
                    Action = request.Url(pause is null ? $"{Path}/pause/{job.Id}" : $"{Path}/genoptag/{job.Id}"),
                };
            }).ToList(),
        };
    }

    /// <summary>The admins' buttons: pause or resume one job, for every worker process.</summary>
    public static Func<DashboardRequest, CancellationToken, Task<bool>> Change(bool pause) => async (request, cancellationToken) =>
    {
        var id = request.Route("id");
        if (request.Services.GetRequiredService<WorkerJobs>().Find(id) is null)
        {
            return false;
        }

        var pauses = request.Services.GetRequiredService<JobPauses>();
        await (pause ? pauses.PauseAsync(id, request.UserName, cancellationToken) : pauses.ResumeAsync(id, cancellationToken));
        var user = request.UserName;
        var logger = request.Services.GetRequiredService<ILogger<JobsPage>>();
        JobLog.Changed(logger, id, pause ? "paused" : "resumed", user);
        return true;
    };
}
