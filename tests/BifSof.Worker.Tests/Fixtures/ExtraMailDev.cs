using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>A MailDev of a test's own, started and stopped by the test (to take an SMTP server down and up).</summary>
public sealed class ExtraMailDev : IAsyncDisposable
{
    private Process? _process;

    private readonly string[] _extraArguments;

    /// <param name="extraArguments">More MailDev options, e.g. <c>--incoming-user</c> to make it refuse unauthenticated mail.</param>
    public ExtraMailDev(params string[] extraArguments)
    {
        _extraArguments = extraArguments;
        SmtpPort = FreePort();
        WebPort = FreePort();
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public Uri Web => new($"http://127.0.0.1:{WebPort}");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(TestEnvironment.MailDevBinary)
        {
            ArgumentList = { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("MailDev did not start.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Web, "/email"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("MailDev did not answer within 30 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
