using System.Reflection;
using BifSof.Worker.Hosting;
using Hangfire;

namespace BifSof.Worker.Tests.Hosting;

public class WorkerJobsTests
{
    // docs/cli.md: the ids scripts and the dashboard rely on.
    private static readonly string[] ContractIds =
    [
        "milestone-reminders", "outbox-dispatch", "import-inbox", "monthly-kpis",
        "social-plan-chase", "benefit-stop-advisories", "coordination-meetings", "monthly-digest",
    ];

    [Fact]
    public void All_UsesOnlyTheIdsOfTheCliContract_EachOnce()
    {
        Assert.All(WorkerJobs.All, job => Assert.Contains(job.Id, ContractIds));
        Assert.Equal(WorkerJobs.All.Count, WorkerJobs.All.Select(j => j.Id).Distinct().Count());
    }

    [Fact]
    public void All_GivesEveryJobADanishDisplayNameAndADeliberateRetryPolicy()
    {
        foreach (var job in WorkerJobs.All)
        {
            var run = job.JobType.GetMethod(nameof(IWorkerJob.RunAsync))!;
            Assert.NotNull(run.GetCustomAttribute<JobDisplayNameAttribute>());
            Assert.NotEqual(job.Id, job.DisplayName);
            Assert.NotNull(run.GetCustomAttribute<AutomaticRetryAttribute>());
        }
    }
}
