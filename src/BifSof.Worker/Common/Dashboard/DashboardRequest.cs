using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Dashboard;

namespace BifSof.Worker.Common.Dashboard;

/// <summary>What a dashboard page or command may know of its request, without reaching into Hangfire's context.</summary>
public sealed class DashboardRequest
{
    private readonly DashboardContext _context;

    internal DashboardRequest(DashboardContext context)
    {
        _context = context;
    }

    /// <summary>Viewers read; only admins may change anything.</summary>
    public bool IsReadOnly => _context.IsReadOnly;

    public string UserName => _context.UserName();

    public JobStorage Storage => _context.Storage;

    public IServiceProvider Services => _context.Services();

    /// <summary>A group of the route's pattern, e.g. the <c>id</c> of <c>/retry/(?&lt;id&gt;\d+)</c>.</summary>
    public string Route(string group) => _context.UriMatch.Groups[group].Value;

    public string? Query(string name) => _context.Request.GetQuery(name);

    /// <summary>The dashboard address of a path, wherever the dashboard is mounted.</summary>
    public string Url(string path) => _context.Request.PathBase + path;

    internal Match UriMatch => _context.UriMatch;
}
