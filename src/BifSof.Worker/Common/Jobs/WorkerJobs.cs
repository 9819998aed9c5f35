using Hangfire;
using Hangfire.Storage;

namespace BifSof.Worker.Common.Jobs;

/// <summary>
/// Every recurring job of this build, as the features added them with <see cref="JobRegistration.AddRecurringJob"/>:
/// one list for the dashboard ("Planlagte job" lists them all together), <c>run JOB</c> and the pause filter. The ids are
/// the contract of <c>run JOB</c> and the dashboard. Schedules are Copenhagen time.
/// </summary>
public sealed class WorkerJobs
{
    private readonly List<WorkerJob> _jobs = [];

    public IReadOnlyList<WorkerJob> All => _jobs;

    public WorkerJob? Find(string id) => _jobs.FirstOrDefault(j => string.Equals(j.Id, id, StringComparison.Ordinal));

    /// <summary>The job whose implementation is <paramref name="jobType"/>, e.g. for a Hangfire filter.</summary>
    public WorkerJob? Find(Type jobType) => _jobs.FirstOrDefault(j => j.JobType == jobType);

    internal void Add(WorkerJob job)
    {
        if (Find(job.Id) is not null)
        {
            throw new InvalidOperationException($"Two recurring jobs with the id '{job.Id}'.");
        }

        _jobs.Add(job);
    }

    /// <summary>Registers (or updates) every recurring job and removes ones this version no longer has.</summary>
    public void RegisterAll(IRecurringJobManager manager, JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(storage);
        var options = new RecurringJobOptions { TimeZone = Copenhagen.TimeZone };
        foreach (var job in _jobs)
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
