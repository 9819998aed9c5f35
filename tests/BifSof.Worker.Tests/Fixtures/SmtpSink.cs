using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// Postfix's smtp-sink: a real SMTP server that can be told to refuse (every RCPT TO with a hard 5xx) or to be slow
/// (a delay before answering DATA, like a greylisting or tarpitting relay), and that can keep what it received.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _dumpFolder;

    private SmtpSink(int port, Process process, string? dumpFolder)
    {
        Port = port;
        _process = process;
        _dumpFolder = dumpFolder;
    }

    public int Port { get; }

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A server that says no to every recipient.</summary>
    public static Task<SmtpSink> RefusingAsync() => StartAsync(["-f", "rcpt"], dump: false);

    /// <summary>A server that waits <paramref name="seconds"/> before it accepts each message, and keeps every message.</summary>
    public static Task<SmtpSink> SlowAsync(int seconds) => StartAsync(["-w", seconds.ToString(CultureInfo.InvariantCulture)], dump: true);

    /// <summary>The Message-ID of every message received so far, once per delivery (a duplicate appears twice).</summary>
    public IReadOnlyList<string> ReceivedMessageIds() =>
        Directory.EnumerateFiles(_dumpFolder ?? throw new InvalidOperationException("This sink keeps no messages."), "*", SearchOption.AllDirectories)
            .Select(file => File.ReadLines(file).FirstOrDefault(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)))
            .OfType<string>()
            .Select(line => line["Message-ID:".Length..].Trim())
            .ToList();

    private static async Task<SmtpSink> StartAsync(string[] options, bool dump)
    {
        var port = ExtraMailDev.FreePort();
        string? folder = null;
        var start = new ProcessStartInfo(TestEnvironment.SmtpSinkBinary) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (Environment.UserName == "root")
        {
            // smtp-sink drops root privileges and insists on being told to whom.
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        if (dump)
        {
            folder = Directory.CreateTempSubdirectory("bifsof-sink-").FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, (UnixFileMode)0x1FF); // the unprivileged sink writes here
            }

            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(Path.Combine(folder, "msg-"));
        }

        foreach (var argument in options.Concat([$"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "10"]))
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
                return new SmtpSink(port, process, folder);
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
        if (_dumpFolder is not null)
        {
            Directory.Delete(_dumpFolder, recursive: true);
        }
    }
}
