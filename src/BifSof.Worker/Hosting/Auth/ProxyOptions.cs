namespace BifSof.Worker.Hosting.Auth;

/// <summary>
/// The reverse proxies in front of the dashboard, section <c>Proxy</c> (docs/configuration.md). Off by default: the
/// client's address is the connection's. Behind a proxy every client would share the proxy's address (one address
/// throttle for all, one lock of an account for all), so the proxies are named and their <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed; from any other peer the headers are ignored.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>The proxies' IP addresses, separated by commas or spaces (e.g. <c>127.0.0.1, ::1</c>). Empty: none.</summary>
    public string KnownProxies { get; set; } = string.Empty;

    public IReadOnlyList<string> Addresses =>
        KnownProxies.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
