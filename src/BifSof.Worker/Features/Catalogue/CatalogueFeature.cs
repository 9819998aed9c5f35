namespace BifSof.Worker.Features.Catalogue;

/// <summary>The strategy catalogue: owners, initiatives, milestones, targets, population rules and addresses.</summary>
public static class CatalogueFeature
{
    public static IHostApplicationBuilder AddCatalogue(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<CatalogueLoader>();
        return builder;
    }
}
