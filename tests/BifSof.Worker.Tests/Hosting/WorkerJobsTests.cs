using System.Reflection;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Hosting;
using Hangfire;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Hosting;

public class WorkerJobsTests
{
    // docs/cli.md: the ids scripts and the dashboard rely on; the shared contract's eight and this repository's ninth.
    private static readonly string[] ContractIds =
    [
        "milestone-reminders", "outbox-dispatch", "import-inbox", "monthly-kpis",
        "social-plan-chase", "benefit-stop-advisories", "coordination-meetings", "monthly-digest",
        "data-retention",
    ];

    [Fact]
    public async Task All_RegistersExactlyTheJobsOfTheCliContract_EachOnce()
    {
        var jobs = await RegisteredJobsAsync();
        // Both ways: a job outside the contract, and a contract job nobody registered, each fail here.
        Assert.Equal(ContractIds.Order(StringComparer.Ordinal), jobs.All.Select(j => j.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task All_GivesEveryJobADanishDisplayNameAndADeliberateRetryPolicy()
    {
        foreach (var job in (await RegisteredJobsAsync()).All)
        {
            var run = job.JobType.GetMethod(nameof(IWorkerJob.RunAsync))!;
            Assert.NotNull(run.GetCustomAttribute<JobDisplayNameAttribute>());
            Assert.NotEqual(job.Id, job.DisplayName);
            Assert.NotNull(run.GetCustomAttribute<AutomaticRetryAttribute>());
        }
    }

    [Fact]
    public async Task All_ResolvesEveryJobFromTheFeaturesServices()
    {
        var app = WorkerApp.Build([], runServer: false, new WorkerSettings("Host=127.0.0.1;Database=bifsof").Apply);
        await using (app)
        {
            using var scope = app.Services.CreateScope();
            foreach (var job in app.Services.GetRequiredService<WorkerJobs>().All)
            {
                Assert.IsAssignableFrom<IWorkerJob>(scope.ServiceProvider.GetRequiredService(job.JobType));
            }
        }
    }

    [Fact]
    public void AddRecurringJob_Refuses_WhenTwoFeaturesClaimOneId()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.AddRecurringJob<Worker.Features.Kpis.MonthlyKpisJob>("monthly-kpis", "* * * * *", new TimeOnly(6, 0));
        Assert.Throws<InvalidOperationException>(() =>
            builder.AddRecurringJob<Worker.Features.Mail.OutboxDispatchJob>("monthly-kpis", "* * * * *", new TimeOnly(6, 0)));
    }

    private static async Task<WorkerJobs> RegisteredJobsAsync()
    {
        // Building the services (not starting them) is enough: the features add their jobs while the host is built.
        var app = WorkerApp.Build([], runServer: false, b => b.Configuration["ConnectionStrings:BifSof"] = "Host=127.0.0.1;Database=bifsof");
        await using (app)
        {
            return app.Services.GetRequiredService<WorkerJobs>();
        }
    }
}
