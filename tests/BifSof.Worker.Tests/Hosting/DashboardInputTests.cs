using System.Net;
using System.Text.RegularExpressions;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>Odd input from a signed-in user gets a clean answer, never a server error.</summary>
[Collection(ServingWorkerGroup.Name)]
public partial class DashboardInputTests(ServingWorker worker)
{
    /// <summary>A client that signs in through the login form and keeps its cookies, as a browser does.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string returnUrl)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = worker.BaseUrl };
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = HiddenToken().Match(form);
        Assert.True(token.Success, "the login form carries an antiforgery token");
        var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value)),
            new("username", "admin"),
            new("password", ServingWorker.AdminPassword),
            new("returnUrl", returnUrl),
        ]));
        return (client, response);
    }

    [Theory]
    [InlineData("/hangfire\t/recurring")]
    [InlineData("/\t/evil.example")]
    [InlineData("/hangfire\r\nSet-Cookie: x=1")]
    [InlineData("/hangfire\n")]
    public async Task Login_RedirectsToTheDashboard_WhenTheReturnUrlHoldsATabOrLineBreak(string returnUrl)
    {
        var (client, response) = await SignInAsync(returnUrl);
        using (client)
        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/hangfire", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Stats_AnswersMethodNotAllowed_WhenFetchedByGetWhileSignedIn()
    {
        using var client = worker.Client("admin", ServingWorker.AdminPassword);
        using var response = await client.GetAsync(new Uri("/hangfire/stats", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/hangfire/jobs/enqueued/delete", "abc")]
    [InlineData("/hangfire/jobs/enqueued/requeue", "1; DROP")]
    [InlineData("/hangfire/jobs/scheduled/delete", "")]
    public async Task JobCommand_AnswersBadRequest_WhenAJobIdIsNotANumber(string path, string id)
    {
        var (client, signIn) = await SignInAsync("/hangfire/jobs/enqueued");
        using (client)
        using (signIn)
        {
            var page = await client.GetStringAsync(new Uri("/hangfire/jobs/enqueued", UriKind.Relative));
            var header = CsrfMeta("csrf-header").Match(page);
            var token = CsrfMeta("csrf-token").Match(page);
            Assert.True(header.Success && token.Success, "the dashboard page carries Hangfire's antiforgery header and token");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent([new("jobs[]", id)]),
            };
            request.Headers.Add(WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex HiddenToken();

    private static Regex CsrfMeta(string name) => new($"<meta name=\"{name}\" content=\"([^\"]+)\"");
}
