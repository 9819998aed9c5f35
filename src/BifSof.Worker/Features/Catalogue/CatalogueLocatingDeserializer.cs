using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>Records the line each <see cref="ICatalogueLocated"/> entry starts on, so a check can name it.</summary>
internal sealed class CatalogueLocatingDeserializer(INodeDeserializer inner) : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        var start = reader.Current?.Start;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
        {
            return false;
        }

        if (value is ICatalogueLocated located && start is { } mark)
        {
            located.Line = (int)mark.Line;
        }

        return true;
    }
}
