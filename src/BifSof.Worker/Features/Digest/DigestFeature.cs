using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// The monthly follow-up digest to SOF: the <c>monthly-digest</c> job, the hold on months that look wrong (confirmed on
/// "Indlæsninger"), and the preview the verb <c>digest preview</c> calls. Overdue plans come from an
/// <see cref="IOverduePlanCounts"/> registered by the social-plan feature; none is registered here.
/// </summary>
public static class DigestFeature
{
    public static IHostApplicationBuilder AddDigest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<DigestOptions, DigestOptionsValidator>(DigestOptions.Section);
        builder.Services.AddScoped<DigestQueries>();
        builder.Services.AddScoped<DigestHolds>();
        builder.Services.AddScoped<DigestPreview>();
        builder.AddRecurringJob<MonthlyDigestJob>(MonthlyDigestJob.Id, "30 7 * * 1-5", new TimeOnly(7, 30));
        builder.Services.AddScoped<IMonthStatus, DigestMonthStatus>(); // the held month on "Indlæsninger"
        builder.Services.AddScoped<IExtractMonthSubscriber, DigestImportReview>(); // each imported version is judged
        builder.AddDashboardCommand(DigestMonthStatus.ConfirmPath + "/(?<month>\\d{4}-\\d{2})", DigestHolds.ConfirmCommandAsync);
        return builder;
    }
}
