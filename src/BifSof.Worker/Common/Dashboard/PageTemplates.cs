using Scriban;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>
/// The dashboard's page templates, built into the assembly beside each page class (<c>NAME.html.sbn</c>), and the
/// shared shell (<c>_shell.html.sbn</c>). All are parsed when this is created, so a broken one stops start-up with its
/// file and line, as a broken e-mail template does.
/// </summary>
public sealed class PageTemplates
{
    internal const string ResourcePrefix = "pages/";
    private const string ShellName = "_shell";
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public PageTemplates()
    {
        var assembly = typeof(PageTemplates).Assembly;
        var errors = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var fileName = resource[ResourcePrefix.Length..];
            var template = Template.Parse(reader.ReadToEnd(), fileName);
            errors.AddRange(Templating.ScribanValues.Errors(template, fileName));
            _templates[fileName[..^".html.sbn".Length]] = template;
        }

        if (!_templates.ContainsKey(ShellName))
        {
            errors.Add($"{ShellName}.html.sbn is missing: every dashboard page is wrapped in the shared shell.");
        }

        if (errors.Count > 0)
        {
            throw new Templating.TemplateCheckException("dashboard pages", errors);
        }
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Renders a page's template with its model inside the shell; every string value arrives HTML-encoded.</summary>
    /// <param name="basePath">Where the dashboard is mounted: templates write links as <c>{{ base }}/path</c>.</param>
    /// <param name="readOnly">A viewer's page: no buttons that change anything.</param>
    public string Render(string name, string title, object model, string basePath, bool readOnly)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new ArgumentException($"No page template named '{name}.html.sbn'.", nameof(name));
        }

        var globals = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["base"] = basePath,
            ["read_only"] = readOnly,
        };
        var body = template.Render(Templating.ScribanValues.Context(model, html: true, globals));
        globals["title"] = title;
        globals["content"] = new Templating.RawHtml(body);
        return _templates[ShellName].Render(Templating.ScribanValues.Context(new { }, html: true, globals));
    }
}
