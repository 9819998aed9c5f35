using System.CommandLine;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>serve</c>, and no verb at all: the worker, its Hangfire server and the dashboard, until stopped.</summary>
internal static class ServeVerb
{
    public const string Synopsis = "serve";

    public static Command Create(CliContext context)
    {
        var command = new Command("serve", "Run the worker: Hangfire server, dashboard at /hangfire, /healthz. The same as no verb. Settings come from the environment (docs/configuration.md).");
        command.SetAction((_, _) => RunAsync(context));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context)
    {
        // No command-line configuration: every setting has its environment variable, and a stray word is refused, not served.
        await using var app = await WorkerApp.StartServingAsync([], context.Configure, CancellationToken.None);
        await app.WaitForShutdownAsync();
        return ExitCodes.Success;
    }
}
