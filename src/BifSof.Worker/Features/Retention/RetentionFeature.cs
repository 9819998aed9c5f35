using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;

namespace BifSof.Worker.Features.Retention;

/// <summary>Deletes personal rows older than <c>Retention__Years</c> (docs/operations.md, "Retention"); computed figures stay.</summary>
public static class RetentionFeature
{
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        builder.AddRecurringJob<DataRetentionJob>("data-retention", "30 3 * * *", new TimeOnly(3, 30));
        return builder;
    }
}
