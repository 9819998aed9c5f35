using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>The feature's wiring: its rules (validated at start-up), the overdue list, the chaser and the page's queries.</summary>
public static class SocialPlanRegistration
{
    public static IHostApplicationBuilder AddSocialPlans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SocialPlanOptions>().BindConfiguration(SocialPlanOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SocialPlanOptions>, SocialPlanOptionsValidator>();
        builder.Services.AddScoped<OverdueCases>();
        builder.Services.AddScoped<SocialPlanChaser>();
        builder.Services.AddScoped<SocialPlanQueries>();
        return builder;
    }
}
