using BifSof.Worker.Hosting;
using BifSof.Worker.Hosting.Auth;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy every client arrives from the proxy's address, so the sign-in throttle would count them all
/// as one. The worker's own pipeline (<see cref="WorkerApp.Build"/>, over real HTTP) with an endpoint that answers with
/// the address the sign-in would see: the proxy's header is believed only from a configured proxy.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<string> ClientAddressAsync(string? knownProxies, string forwardedFor)
    {
        var url = new Uri($"http://127.0.0.1:{ExtraMailDev.FreePort()}");
        var settings = new WorkerSettings(_database.ConnectionString).With("Urls", url.ToString());
        if (knownProxies is not null)
        {
            settings.With("Proxy:KnownProxies", knownProxies);
        }

        var app = WorkerApp.Build([], runServer: false, settings.Apply);
        await using (app)
        {
            await StartupChecks.RunAsync(app.Services, CancellationToken.None);
            app.MapGet("/whoami", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString());
            await app.StartAsync();
            try
            {
                using var client = new HttpClient { BaseAddress = url };
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/whoami", UriKind.Relative));
                request.Headers.Add("X-Forwarded-For", forwardedFor);
                using var response = await client.SendAsync(request);
                return (await response.Content.ReadAsStringAsync()).Trim('"');
            }
            finally
            {
                await app.StopAsync();
            }
        }
    }

    [Fact]
    public async Task ClientAddress_IsTheConnectionsOwn_WhenNoProxyIsConfigured() =>
        Assert.Equal("127.0.0.1", await ClientAddressAsync(null, "203.0.113.1"));

    [Fact]
    public async Task ClientAddress_IsTheForwardedOne_WhenTheRequestComesFromAConfiguredProxy() =>
        Assert.Equal("203.0.113.1", await ClientAddressAsync("127.0.0.1, ::1", "198.51.100.9, 203.0.113.1"));

    [Fact]
    public async Task ClientAddress_IgnoresTheHeader_WhenTheRequestComesFromAnotherPeerThanTheProxy() =>
        Assert.Equal("127.0.0.1", await ClientAddressAsync("10.0.0.5", "203.0.113.1"));

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.5, ::1 127.0.0.1", true)]
    [InlineData("", true)]
    [InlineData("proxy.internal", false)]
    [InlineData("10.0.0.0/8", false)]
    public void Validator_AcceptsOnlyIpAddresses(string value, bool valid) =>
        Assert.Equal(valid, new ProxyOptionsValidator().Validate(null, new ProxyOptions { KnownProxies = value }).Succeeded);
}
