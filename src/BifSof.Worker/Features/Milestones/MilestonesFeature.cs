using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;

namespace BifSof.Worker.Features.Milestones;

/// <summary>Milestone reminders to initiative owners, their answer links, and the page "Milepæle".</summary>
public static class MilestonesFeature
{
    public static IHostApplicationBuilder AddMilestones(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<MilestoneOptions, MilestoneOptionsValidator>(MilestoneOptions.Section);
        // Link expiry is a security property: it runs on the wall clock even when a job replays another day.
        builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<AnswerLinks>(sp, TimeProvider.System));
        builder.Services.AddScoped<MilestoneAnswers>();
        builder.AddRecurringJob<MilestoneReminderJob>("milestone-reminders", "0 7 * * 1-5", new TimeOnly(7, 0));
        builder.AddDashboardPage<MilestonesPage>(MilestonesPage.Path, "Milepæle");
        builder.AddEndpoints(endpoints => endpoints.MapMilestoneAnswers());
        return builder;
    }
}
