using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;

namespace BifSof.Worker.Features.Advisories;

/// <summary>
/// Benefit-stop advisories (BIF → SOF) and coordination-meeting notices to the counselling centres. What they sent
/// shows on the page "Handleplaner" (Features/SocialPlans) through <see cref="AdvisoryQueries"/>.
/// </summary>
public static class AdvisoriesFeature
{
    public static IHostApplicationBuilder AddAdvisories(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<AdvisoryOptions, AdvisoryOptionsValidator>(AdvisoryOptions.Section);
        // After the night's imports, at the start of the teams' day, a quarter of an hour apart from the other jobs.
        builder.AddRecurringJob<BenefitStopAdvisoryJob>(BenefitStopAdvisoryJob.Id, "15 7 * * 1-5", new TimeOnly(7, 15));
        builder.AddRecurringJob<CoordinationMeetingJob>(CoordinationMeetingJob.Id, "45 7 * * 1-5", new TimeOnly(7, 45));
        return builder;
    }
}
