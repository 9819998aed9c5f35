namespace BifSof.Worker.Hosting.Cli;

/// <summary>What every verb handler gets: the console, the caller's folder and the worker's services on demand.</summary>
internal sealed class CliContext(CliConsole console, Action<WebApplicationBuilder>? configure)
{
    public CliConsole Console { get; } = console;

    public Action<WebApplicationBuilder>? Configure { get; } = configure;

    /// <summary>A path from the command line as a full path, relative ones from the caller's folder.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, Console.WorkingDirectory);

    /// <summary>
    /// The worker's services as every verb uses them: built without the Hangfire server, start-up checks passed
    /// (options, templates, migrations). <paramref name="extra"/> runs after the caller's own set-up.
    /// </summary>
    public async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? extra = null)
    {
        var app = WorkerApp.Build([], runServer: false, extra is null ? Configure : builder =>
        {
            Configure?.Invoke(builder);
            extra(builder);
        });
        try
        {
            await StartupChecks.RunAsync(app.Services, CancellationToken.None);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Prints why the input was refused, on one line, and returns exit code 2.</summary>
    public int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.Refused;
    }

    public Task WriteAsync(string text) => Console.Out.WriteLineAsync(text);
}
