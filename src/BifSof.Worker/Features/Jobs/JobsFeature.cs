using BifSof.Worker.Common.Dashboard;
using Hangfire.Server;

namespace BifSof.Worker.Features.Jobs;

/// <summary>Pause and resume of the recurring jobs, honoured by every run, and the page "Planlagte job".</summary>
public static class JobsFeature
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<JobPauses>();
        builder.Services.AddSingleton<IServerFilter, PausedJobFilter>();
        builder.AddDashboardPage<JobsPage>(JobsPage.Path, "Planlagte job");
        builder.AddDashboardCommand(JobsPage.Path + "/pause/(?<id>[a-z-]+)", JobsPage.Change(pause: true));
        builder.AddDashboardCommand(JobsPage.Path + "/genoptag/(?<id>[a-z-]+)", JobsPage.Change(pause: false));
        return builder;
    }
}
