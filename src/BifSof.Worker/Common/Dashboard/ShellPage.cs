using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>Hangfire's own layout (menu, styles, scripts) around a body already rendered from a page template.</summary>
internal sealed class ShellPage(string title, string body) : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage(title);
        WriteLiteral(body);
    }
}
