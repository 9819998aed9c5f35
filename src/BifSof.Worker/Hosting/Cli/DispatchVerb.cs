using System.CommandLine;
using BifSof.Worker.Features.Mail;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>dispatch</c>: deliver the pending outbox now.</summary>
internal static class DispatchVerb
{
    public const string Synopsis = "dispatch";

    public static Command Create(CliContext context)
    {
        var command = new Command("dispatch", "Deliver the pending outbox now. Exit code 1 when the SMTP server cannot be reached; the e-mails stay pending.");
        command.SetAction((_, _) => RunAsync(context));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
            await context.WriteAsync(report.ToString());
            return ExitCodes.Success;
        }
        catch (SmtpUnavailableException ex)
        {
            // What the other sessions did still happened: say so, then why the run failed.
            if (ex.Report is not null)
            {
                await context.WriteAsync(ex.Report.ToString());
            }

            await context.Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failure;
        }
    }
}
