using System.Collections;
using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace BifSof.Worker.Common.Templating;

/// <summary>
/// Turns a C# model into Scriban values for pages and e-mails alike. For HTML, every string is encoded on the way in,
/// so a template never has to remember to escape; only <see cref="RawHtml"/> passes as it is.
/// </summary>
public static class ScribanValues
{
    /// <summary>A context for rendering: undefined variables are errors, the Danish formatting functions are there.</summary>
    public static TemplateContext Context(object model, bool html, IReadOnlyDictionary<string, object?>? globals = null)
    {
        var functions = new ScriptObject();
        DanishFunctions.Import(functions);
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 100_000 };
        context.PushGlobal(functions);
        context.PushGlobal((ScriptObject)ToScript(model, html)!);
        if (globals is not null)
        {
            var extra = new ScriptObject();
            foreach (var (name, value) in globals)
            {
                extra[name] = ToScript(value, html);
            }

            context.PushGlobal(extra);
        }

        return context;
    }

    /// <summary>The parse errors of a template, one line each, naming the file, line and column.</summary>
    public static IEnumerable<string> Errors(Template template, string fileName)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Messages.Select(message => string.Create(
            CultureInfo.InvariantCulture,
            $"{fileName}, line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1}: {message.Message}"));
    }

    public static object? ToScript(object? value, bool html) => value switch
    {
        null => null,
        RawHtml raw => raw.Value,
        string s => html ? Html.Encode(s) : s,
        bool or int or long or decimal or double => value,
        // Scriban knows DateTime only: dates become midnight, moments become UTC (da_date/da_datetime turn them back).
        DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
        DateTimeOffset moment => moment.UtcDateTime,
        DateTime moment => moment.ToUniversalTime(),
        Enum e => e.ToString(),
        IDictionary dictionary => ToScriptObject(dictionary, html),
        IEnumerable sequence => ToScriptArray(sequence, html),
        _ => ToScriptObject(value, html),
    };

    private static ScriptArray ToScriptArray(IEnumerable sequence, bool html)
    {
        var array = new ScriptArray();
        foreach (var item in sequence)
        {
            array.Add(ToScript(item, html));
        }

        return array;
    }

    private static ScriptObject ToScriptObject(IDictionary dictionary, bool html)
    {
        var result = new ScriptObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToScript(entry.Value, html);
        }

        return result;
    }

    private static ScriptObject ToScriptObject(object value, bool html)
    {
        var result = new ScriptObject();
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                result[StandardMemberRenamer.Rename(property.Name)] = ToScript(property.GetValue(value), html);
            }
        }

        return result;
    }
}
