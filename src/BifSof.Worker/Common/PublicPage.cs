using BifSof.Worker.Common.Templating;

namespace BifSof.Worker.Common;

/// <summary>A page outside the dashboard (login, answer links) as an HTTP result, from its template.</summary>
public static class PublicPage
{
    public static IResult Render(PageTemplates templates, string name, string title, object model, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return Results.Content(templates.RenderPublic(name, title, model), "text/html; charset=utf-8", statusCode: statusCode);
    }
}
