using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BifSof.Worker.Common;

/// <summary>
/// How a feature adds web endpoints outside the dashboard (e.g. the answer links' pages). They are mapped by the
/// composition root after the start-up checks passed, with the login, health and dashboard endpoints.
/// </summary>
public static class EndpointRegistration
{
    public static IHostApplicationBuilder AddEndpoints(this IHostApplicationBuilder builder, Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new FeatureEndpoints(map));
        return builder;
    }

    /// <summary>Maps every feature's endpoints.</summary>
    public static void MapFeatureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var feature in endpoints.ServiceProvider.GetServices<FeatureEndpoints>())
        {
            feature.Map(endpoints);
        }
    }

    internal sealed record FeatureEndpoints(Action<IEndpointRouteBuilder> Map);
}
