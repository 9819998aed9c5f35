using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>Reads ISO dates (<c>2010-03-17</c>) into <see cref="DateOnly"/>.</summary>
internal sealed class DateOnlyYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(DateOnly) || type == typeof(DateOnly?);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (type == typeof(DateOnly?) && scalar.Value is "" or "~" or "null")
        {
            return null;
        }

        return DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a date in the form YYYY-MM-DD");
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(value is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "~"));
}
