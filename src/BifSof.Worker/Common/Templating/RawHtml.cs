namespace BifSof.Worker.Common.Templating;

/// <summary>Markup made by the worker itself (a chart's SVG), passed to a template without encoding.</summary>
public sealed record RawHtml(string Value);
