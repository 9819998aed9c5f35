using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Catalogue;

internal static partial class CatalogueLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Catalogue {File} loaded: {Added} added, {Updated} updated, {Retired} no longer listed")]
    public static partial void Loaded(ILogger logger, string file, int added, int updated, int retired);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Catalogue override names nothing in the catalogue and is ignored: {Entry}")]
    public static partial void UnknownOverride(ILogger logger, string entry);
}
