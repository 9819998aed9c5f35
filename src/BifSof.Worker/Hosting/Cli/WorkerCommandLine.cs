using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using BifSof.Worker.Features.Catalogue;

namespace BifSof.Worker.Hosting.Cli;

/// <summary>
/// The command line of docs/cli.md on System.CommandLine: every verb and option with its help (<c>--help</c> after
/// any verb), options in any order. A word or option it does not know is refused with exit code 2, one line saying
/// why and the usage, before anything starts; it is never taken as <c>serve</c>. Each verb builds the worker's
/// services, runs the start-up checks (options, templates, migrations), does its work, prints its result on stdout
/// and returns 0, 2 (input refused) or 1.
/// </summary>
public static class WorkerCommandLine
{
    public const string Name = "BifSof.Worker";

    private static readonly string[] Synopses =
    [
        ServeVerb.Synopsis,
        CatalogueVerb.Synopsis,
        RunVerb.Synopsis,
        ImportVerb.Synopsis,
        KpiVerb.Synopsis,
        OverdueVerb.Synopsis,
        DispatchVerb.Synopsis,
        DigestVerb.PreviewSynopsis,
        DemoVerb.Synopsis,
        UserVerbs.AddSynopsis,
        UserVerbs.ListSynopsis,
        UserVerbs.RemoveSynopsis,
        UserVerbs.UnlockSynopsis,
    ];

    /// <summary>The usage: every verb on one line. <c>BifSof.Worker VERB --help</c> describes each.</summary>
    public static string Usage { get; } =
        $"Usage: {Name} [VERB ...]   (no verb: serve)\n" + string.Join('\n', Synopses.Select(s => $"  {Name} {s}"))
        + $"\nRun '{Name} VERB --help' for a verb's arguments and options.";

    public static async Task<int> RunAsync(string[] args, CliConsole? console = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        console ??= CliConsole.System;
        var context = new CliContext(console, configure);
        var root = CreateRoot(context);
        // Arguments stay literal: no @response files, so a file named @x.csv is a file.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction)
        {
            return Refuse(console, parsed);
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // serve stops on Ctrl-C through the host; a verb is all or nothing per file or month and may simply end.
                ProcessTerminationTimeout = null,
            });
        }
        catch (StartupException ex)
        {
            foreach (var line in ex.Lines)
            {
                await console.Error.WriteLineAsync(line);
            }

            return ExitCodes.Failure;
        }
        catch (CatalogueNotLoadedException ex)
        {
            // Any verb whose figures need the catalogue: refused, and the message says what to run.
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Our exceptions carry case numbers at most, never CPR. The first line says what failed; the trace is for operators.
            await console.Error.WriteLineAsync($"Failed: {ex.GetType().Name}: {ex.Message}");
            await console.Error.WriteLineAsync(ex.StackTrace);
            return ExitCodes.Failure;
        }
    }

    private static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("BifSofWorker: the BIF/SOF follow-up worker. With no verb it serves, like 'serve'. Results go to stdout, logs to stderr; exit code 0 done, 2 input refused (the reason on stderr), 1 anything else.")
        {
            ServeVerb.Create(context),
            CatalogueVerb.Create(context),
            RunVerb.Create(context),
            ImportVerb.Create(context),
            KpiVerb.Create(context),
            OverdueVerb.Create(context),
            DispatchVerb.Create(context),
            DigestVerb.Create(context),
            DemoVerb.Create(context),
            UserVerbs.Create(context),
        };
        var help = new Command("help", "The usage, like --help.") { Hidden = true };
        help.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine(Usage);
            return ExitCodes.Success;
        });
        root.Subcommands.Add(help);
        root.SetAction((_, _) => ServeVerb.RunAsync(context));
        return root;
    }

    /// <summary>One line with every reason, then the usage of the verb it concerns.</summary>
    private static int Refuse(CliConsole console, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var reasons = parsed.Errors.Select(e => e.SymbolResult switch
        {
            CommandResult { Command: { Action: null, Subcommands.Count: > 0 } group } =>
                $"{CommandPath(parsed.CommandResult)}: say what to do: {string.Join(" or ", group.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.",
            ArgumentResult { Tokens.Count: 0, Argument: var argument, Parent: CommandResult owner } =>
                $"{CommandPath(owner)}: {argument.Name} is missing: {argument.Description}",
            _ => e.Message,
        });
        var text = new StringBuilder(string.Join(" ", reasons.Distinct(StringComparer.Ordinal))).Append('\n');
        if (command is RootCommand)
        {
            text.Append(Usage);
        }
        else
        {
            var path = CommandPath(parsed.CommandResult);
            foreach (var synopsis in Synopses.Where(s => s.StartsWith(path, StringComparison.Ordinal)))
            {
                text.Append(CultureInfo.InvariantCulture, $"Usage: {Name} {synopsis}\n");
            }

            text.Append($"Run '{Name} {path} --help' for more.");
        }

        console.Error.WriteLine(text.ToString());
        return ExitCodes.Refused;
    }

    // "user add", "catalogue load": the words from the root to the command.
    private static string CommandPath(CommandResult result)
    {
        var words = new List<string>();
        for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as CommandResult)
        {
            words.Insert(0, current.Command.Name);
        }

        return string.Join(' ', words);
    }
}
