using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;
using Scriban;

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

    private readonly DemoBanner? _demo;

    public MailTemplates(string folder)
        : this(folder, null)
    {
    }

    /// <param name="demo">While a demo date is set, every e-mail's footer names it (the layouts' <c>demo_day</c>); null: never.</param>
    public MailTemplates(string folder, DemoBanner? demo)
    {
        _demo = demo;
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var errors = new List<string>();
        _templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.sbn").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var template = Template.Parse(File.ReadAllText(path), path);
            errors.AddRange(ScribanValues.Errors(template, Path.GetFileName(path)));

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
        // The layout's own inputs: the rendered (for HTML, already encoded) body, the subject and the demo day (null
        // unless a demo date is set).
        var layout = content is null
            ? null
            : new Dictionary<string, object?>(StringComparer.Ordinal) { ["content"] = new RawHtml(content), ["subject"] = subject, ["demo_day"] = _demo?.Today() };
        return _templates[key].Render(ScribanValues.Context(model, html, layout));
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
