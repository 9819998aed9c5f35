using System.Net;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Auth;

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var bad = options.Addresses.Where(a => !IPAddress.TryParse(a, out _)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Proxy:KnownProxies (Proxy__KnownProxies) must list IP addresses separated by commas; not an address: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
    }
}
