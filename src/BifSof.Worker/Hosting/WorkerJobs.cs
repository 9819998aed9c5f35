using BifSof.Worker.Common;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Features.Milestones;
using Hangfire;
using Hangfire.Storage;

namespace BifSof.Worker.Hosting;

/// <summary>
/// Every recurring job, in one place. Only jobs that really work are listed; the ids are the contract of
/// <c>run JOB</c> and the dashboard. Schedules are Copenhagen time.
/// </summary>
public static class WorkerJobs
{
    public static IReadOnlyList<WorkerJob> All { get; } =
    [
        WorkerJob.Create<ImportInboxJob>("import-inbox", "*/5 * * * *", new TimeOnly(6, 0)),
        WorkerJob.Create<Features.Kpis.MonthlyKpisJob>("monthly-kpis", "*/10 * * * *", new TimeOnly(6, 30)),
        WorkerJob.Create<MilestoneReminderJob>("milestone-reminders", "0 7 * * 1-5", new TimeOnly(7, 0)),
        WorkerJob.Create<Features.SocialPlans.SocialPlanChaseJob>("social-plan-chase", "30 7 * * 1-5", new TimeOnly(7, 30)),
        WorkerJob.Create<OutboxDispatchJob>("outbox-dispatch", "* * * * *", new TimeOnly(8, 0)),
    ];

    public static WorkerJob? Find(string id) => All.FirstOrDefault(j => string.Equals(j.Id, id, StringComparison.Ordinal));

    /// <summary>Registers (or updates) every recurring job and removes ones this version no longer has.</summary>
    public static void RegisterAll(IRecurringJobManager manager, JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(storage);
        var options = new RecurringJobOptions { TimeZone = Copenhagen.TimeZone };
        foreach (var job in All)
        {
            job.Register(manager, options);
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => Find(id) is null))
        {
            manager.RemoveIfExists(stale);
        }
    }
}
