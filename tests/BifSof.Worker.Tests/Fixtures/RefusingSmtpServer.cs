using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Postfix's smtp-sink, told to refuse every RCPT TO with a hard 5xx: a real server that says no.</summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly Process _process;

    private RefusingSmtpServer(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public static async Task<RefusingSmtpServer> StartAsync()
    {
        var port = ExtraMailDev.FreePort();
        var start = new ProcessStartInfo(TestEnvironment.SmtpSinkBinary) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (Environment.UserName == "root")
        {
            // smtp-sink drops root privileges and insists on being told to whom.
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        foreach (var argument in new[] { "-f", "rcpt", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "10" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp-sink did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new RefusingSmtpServer(port, process);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
