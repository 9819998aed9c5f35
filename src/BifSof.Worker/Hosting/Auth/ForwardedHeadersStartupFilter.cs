using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting.Auth;

/// <summary>
/// First in the pipeline, when <c>Proxy__KnownProxies</c> names any: a request from a known proxy gets its client's
/// address and scheme from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> (the last hop not itself a known proxy);
/// the sign-in throttle and the login log then see the client, not the proxy.
/// </summary>
internal sealed class ForwardedHeadersStartupFilter(IOptions<ProxyOptions> proxies) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var known = proxies.Value.Addresses;
        if (known.Count > 0)
        {
            var options = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                ForwardLimit = null,
            };
            // Only the configured proxies: not ASP.NET Core's default of loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in known)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            app.UseForwardedHeaders(options);
        }

        next(app);
    };
}
