using System.Collections;
using System.Globalization;
using System.Reflection;
using BifSof.Worker.Common;
using Scriban;
using Scriban.Runtime;

namespace BifSof.Worker.Features.Mail;

/// <summary>
/// The e-mail templates in <c>templates/</c>: a shared layout (<c>_layout.html.sbn</c>, <c>_layout.text.sbn</c>)
/// and per e-mail <c>NAME.subject.sbn</c>, <c>NAME.html.sbn</c> and <c>NAME.text.sbn</c>. All are parsed when
/// this is created, so a broken template stops start-up with its file and line.
/// </summary>
public sealed class MailTemplates
{
    private const string LayoutName = "_layout";
    private static readonly string[] Parts = ["subject", "html", "text"];

    private readonly Dictionary<string, Template> _templates;

    public MailTemplates(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var errors = new List<string>();
        _templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.sbn").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var template = Template.Parse(File.ReadAllText(path), path);
            foreach (var message in template.Messages)
            {
                errors.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(path)}, line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1}: {message.Message}"));
            }

            _templates[name] = template;
        }

        foreach (var part in new[] { "html", "text" })
        {
            if (!_templates.ContainsKey($"{LayoutName}.{part}"))
            {
                errors.Add($"{LayoutName}.{part}.sbn is missing: every e-mail is wrapped in the shared layout.");
            }
        }

        var emails = _templates.Keys
            .Where(k => !k.StartsWith(LayoutName, StringComparison.Ordinal))
            .Select(k => k[..k.LastIndexOf('.')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var email in emails)
        {
            foreach (var part in Parts.Where(p => !_templates.ContainsKey($"{email}.{p}")))
            {
                errors.Add($"{email}.{part}.sbn is missing: an e-mail needs a subject, an HTML body and a text body.");
            }
        }

        if (errors.Count > 0)
        {
            throw new TemplateCheckException(folder, errors);
        }

        Names = emails;
    }

    /// <summary>The e-mails that have all three parts.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Renders an e-mail. Values reach the HTML body HTML-encoded, so a template never has to remember to
    /// escape; an undefined variable is an error, not an empty string.
    /// </summary>
    public RenderedEmail Render(string name, object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"No e-mail template named '{name}'.", nameof(name));
        }

        var subject = Collapse(RenderPart($"{name}.subject", model, html: false, content: null));
        var text = RenderPart($"{LayoutName}.text", model, html: false, RenderPart($"{name}.text", model, html: false, content: null), subject);
        var html = RenderPart($"{LayoutName}.html", model, html: true, RenderPart($"{name}.html", model, html: true, content: null), subject);
        return new RenderedEmail(subject, html, text.Trim() + "\n");
    }

    private string RenderPart(string key, object model, bool html, string? content, string? subject = null)
    {
        var functions = new ScriptObject();
        DanishFunctions.Import(functions);
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 100_000 };
        context.PushGlobal(functions);
        context.PushGlobal((ScriptObject)ToScript(model, html)!);
        if (content is not null)
        {
            // The layout's own inputs: the rendered (for HTML, already encoded) body and subject.
            var layout = new ScriptObject
            {
                ["content"] = content,
                ["subject"] = html ? Html.Encode(subject) : subject,
            };
            context.PushGlobal(layout);
        }

        return _templates[key].Render(context);
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Turns a model into Scriban values, encoding strings for HTML on the way.</summary>
    private static object? ToScript(object? value, bool html) => value switch
    {
        null => null,
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
