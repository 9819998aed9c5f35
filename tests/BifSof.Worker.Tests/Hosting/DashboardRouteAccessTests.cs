using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BifSof.Worker.Tests.Fixtures;
using Hangfire.Dashboard;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>
/// Every route of the dashboard, Hangfire's own and the features', as the serving worker registered them (read from
/// Hangfire's route table, so a route added tomorrow is covered without touching this test), asked by an anonymous
/// client, a viewer and an admin.
/// </summary>
[Collection(ServingWorkerGroup.Name)]
public partial class DashboardRouteAccessTests(ServingWorker worker)
{
    /// <summary>Each route's pattern and whether it is a command (a POST that changes something).</summary>
    private static List<(string Pattern, bool Command)> Routes()
    {
        var field = typeof(RouteCollection).GetField("_dispatchers", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Hangfire's RouteCollection no longer keeps its routes in '_dispatchers': update this test.");
        var dispatchers = (System.Collections.IEnumerable)field.GetValue(DashboardRoutes.Routes)!;
        return dispatchers.Cast<Tuple<string, IDashboardDispatcher>>()
            .Select(t => (t.Item1, t.Item2.GetType().Name.Contains("Command", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
    }

    /// <summary>A concrete path the pattern matches: every group and character class given a plain value.</summary>
    private static string PathFor(string pattern)
    {
        // A named group gets the first sample its own expression accepts (a job id, a month, a date, a job name).
        var path = NamedGroup().Replace(pattern, group =>
            Samples.FirstOrDefault(sample => Regex.IsMatch(sample, "^(?:" + group.Groups[1].Value + ")$")) ?? "1");
        path = OtherGroup().Replace(path, "0");
        path = CharacterClass().Replace(path, "0");
        path = path.TrimStart('^').TrimEnd('$').Replace("\\", string.Empty, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(path, "^" + pattern + "$"), $"no concrete path for the route '{pattern}' (tried '{path}')");
        return "/hangfire" + path;
    }

    private HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = worker.BaseUrl };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    [Fact]
    public async Task EveryDashboardRoute_AnswersAnonymousViewerAndAdmin_EachByTheirRole()
    {
        var routes = Routes();
        Assert.True(routes.Count >= 30, $"only {routes.Count} routes found");
        Assert.Contains(routes, r => r.Pattern == "/recurring/trigger" && r.Command);
        Assert.Contains(routes, r => r.Pattern == "/udsendelser" && !r.Command);

        using var anonymous = Client();
        using var viewer = Client("viewer", ServingWorker.ViewerPassword);
        using var admin = Client("admin", ServingWorker.AdminPassword);
        // The viewer's antiforgery cookie and token: its commands are refused for the role, not for a missing token.
        var page = await viewer.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        var header = CsrfMeta("csrf-header").Match(page).Groups[1].Value;
        var token = WebUtility.HtmlDecode(CsrfMeta("csrf-token").Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "the dashboard carries Hangfire's antiforgery header and token");

        var problems = new List<string>();
        foreach (var (pattern, command) in routes)
        {
            var path = new Uri(PathFor(pattern), UriKind.Relative);
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var response = await anonymous.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null });
                var location = response.Headers.Location;
                var toLogin = response.StatusCode == HttpStatusCode.Redirect && location is not null
                    && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == "/login";
                if (!toLogin && response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    problems.Add($"anonymous {method} {path}: {(int)response.StatusCode}");
                }
            }

            if (command)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("jobs[]", "1")]) };
                request.Headers.Add(header, token);
                using var response = await viewer.SendAsync(request);
                if (response.IsSuccessStatusCode || (int)response.StatusCode >= 500)
                {
                    problems.Add($"viewer POST {path}: {(int)response.StatusCode}");
                }

                // An admin's commands change things; that they work is each feature's own test. Here: not a page.
                continue;
            }

            foreach (var (who, client) in new[] { ("viewer", viewer), ("admin", admin) })
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect || (int)response.StatusCode >= 500)
                {
                    problems.Add($"{who} GET {path}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly string[] Samples = ["1", "2010-03", "2010-03-01", "outbox-dispatch", "x"];

    [GeneratedRegex(@"\(\?<\w+>([^)]*)\)")]
    private static partial Regex NamedGroup();

    [GeneratedRegex(@"\((\?:)?[^)]*\)[?*+]?")]
    private static partial Regex OtherGroup();

    [GeneratedRegex(@"\[[^\]]*\][?*+]?(\{\d+(,\d*)?\})?")]
    private static partial Regex CharacterClass();

    private static Regex CsrfMeta(string name) => new($"<meta name=\"{name}\" content=\"([^\"]+)\"");
}
