using System.Net;
using System.Text.RegularExpressions;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Features.Jobs;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>Issue 11's recipe: an admin's cookie must stop working the moment the account is made a viewer with a new password.</summary>
[Collection(ServingWorkerGroup.Name)]
public partial class SessionEndTests(ServingWorker worker)
{
    private const string OldPassword = "old-admin-password-123";

    [Fact]
    public async Task OldAdminCookie_CannotPauseAJob_OnceTheAccountIsAViewerWithANewPassword()
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.AddOrUpdateAsync("demoted", DashboardRoles.Admin, OldPassword, CancellationToken.None);

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = worker.BaseUrl };
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var field = Regex.Match(form, "<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"");
        using (var signIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new(field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value)),
            new("username", "demoted"),
            new("password", OldPassword),
        ])))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var page = await client.GetStringAsync(new Uri("/hangfire/planlagte-job", UriKind.Relative));
        var header = Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        var token = WebUtility.HtmlDecode(Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value);
        async Task<HttpResponseMessage> CommandAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add(header, token);
            return await client.SendAsync(request);
        }

        // The cookie and its token do work for an admin command (resuming a job that is not paused changes nothing).
        using (var control = await CommandAsync("/hangfire/planlagte-job/genoptag/outbox-dispatch"))
        {
            Assert.Equal(HttpStatusCode.NoContent, control.StatusCode);
        }

        await accounts.AddOrUpdateAsync("demoted", DashboardRoles.Viewer, "new-viewer-password-123", CancellationToken.None);
        var pauses = scope.ServiceProvider.GetRequiredService<JobPauses>();
        try
        {
            using var pause = await CommandAsync("/hangfire/planlagte-job/pause/outbox-dispatch");
            Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
            Assert.StartsWith("/login", pause.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.False(pauses.IsPaused("outbox-dispatch"));
        }
        finally
        {
            await pauses.ResumeAsync("outbox-dispatch", CancellationToken.None);
        }
    }
}
