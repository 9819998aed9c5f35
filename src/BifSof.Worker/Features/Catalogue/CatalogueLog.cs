using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Catalogue;

internal static partial class CatalogueLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Catalogue {File} loaded: {Added} added, {Updated} updated, {Retired} no longer listed")]
    public static partial void Loaded(ILogger logger, string file, int added, int updated, int retired);
}
