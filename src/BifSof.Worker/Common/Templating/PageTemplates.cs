using Scriban;

namespace BifSof.Worker.Common.Templating;

/// <summary>
/// The web pages' templates, built into the assembly beside each page's code (<c>NAME.html.sbn</c>), and their two
/// shells: <c>_shell</c> for dashboard pages (inside Hangfire's layout) and <c>_public</c> for the pages outside it
/// (login, answer links). All are parsed when this is created, so a broken one stops start-up with its file and line,
/// as a broken e-mail template does. Every value reaches a template HTML-encoded unless it is <see cref="RawHtml"/>.
/// </summary>
public sealed class PageTemplates
{
    internal const string ResourcePrefix = "pages/";
    private const string DashboardShell = "_shell";
    private const string PublicShell = "_public";
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    private readonly DemoBanner? _demo;

    public PageTemplates()
        : this(null)
    {
    }

    /// <param name="demo">While a demo date is set, every page shows it (the shells' <c>demo_day</c>); null: never.</param>
    public PageTemplates(DemoBanner? demo)
    {
        _demo = demo;
        var assembly = typeof(PageTemplates).Assembly;
        var errors = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var fileName = resource[ResourcePrefix.Length..];
            var template = Template.Parse(reader.ReadToEnd(), fileName);
            errors.AddRange(ScribanValues.Errors(template, fileName));
            _templates[fileName[..^".html.sbn".Length]] = template;
        }

        foreach (var shell in new[] { DashboardShell, PublicShell }.Where(s => !_templates.ContainsKey(s)))
        {
            errors.Add($"{shell}.html.sbn is missing: every page is wrapped in a shared shell.");
        }

        if (errors.Count > 0)
        {
            throw new TemplateCheckException("pages", errors);
        }
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>A dashboard page's body inside the dashboard shell (Hangfire's layout goes around it).</summary>
    /// <param name="basePath">Where the dashboard is mounted: templates write links as <c>{{ base }}/path</c>.</param>
    /// <param name="readOnly">A viewer's page: no buttons that change anything.</param>
    public string RenderDashboard(string name, string title, object model, string basePath, bool readOnly) =>
        Render(name, DashboardShell, title, model, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["base"] = basePath,
            ["read_only"] = readOnly,
        });

    /// <summary>A whole page outside the dashboard: Danish, readable on a phone.</summary>
    public string RenderPublic(string name, string title, object model) =>
        Render(name, PublicShell, title, model, new Dictionary<string, object?>(StringComparer.Ordinal));

    private string Render(string name, string shell, string title, object model, Dictionary<string, object?> globals)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new ArgumentException($"No page template named '{name}.html.sbn'.", nameof(name));
        }

        var body = template.Render(ScribanValues.Context(model, html: true, globals));
        globals["title"] = title;
        globals["demo_day"] = _demo?.Today();
        globals["content"] = new RawHtml(body);
        return _templates[shell].Render(ScribanValues.Context(new { }, html: true, globals));
    }
}
