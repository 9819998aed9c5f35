using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Advisories;

public static class AdvisorySetup
{
    /// <summary>
    /// The feature's wiring: its options, validated at start-up. The two jobs are registered with the recurring jobs
    /// (<c>benefit-stop-advisories</c>, <c>coordination-meetings</c>); the page reads <see cref="AdvisoryQueries"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAdvisories(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AdvisoryOptions>().BindConfiguration(AdvisoryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdvisoryOptions>, AdvisoryOptionsValidator>();
        return builder;
    }
}
