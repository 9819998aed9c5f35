using System.CommandLine;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Accounts;

namespace BifSof.Worker.Hosting.Cli;

/// <summary><c>user add</c>, <c>user list</c>, <c>user remove</c>, <c>user unlock</c>: the dashboard's accounts.</summary>
internal static class UserVerbs
{
    public const string AddSynopsis = "user add NAME --role admin|viewer --password-stdin";
    public const string ListSynopsis = "user list";
    public const string RemoveSynopsis = "user remove NAME";
    public const string UnlockSynopsis = "user unlock NAME";

    public static Command Create(CliContext context) =>
        new("user", "Dashboard accounts.") { Add(context), List(context), Remove(context), Unlock(context) };

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The account's name: 2–64 letters, digits, '.', '_' or '-'; stored in lower case." };
        var role = new Option<string>("--role")
        {
            Description = "admin (may trigger, pause and delete) or viewer (may look).",
            HelpName = "admin|viewer",
            Required = true,
        };
        role.Validators.Add(result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!DashboardRoles.IsKnown(value))
            {
                result.AddError($"user add: role '{value}' is unknown: use 'admin' or 'viewer'.");
            }
        });
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = $"Read the password from standard input (at least {AccountService.MinimumPasswordLength} characters; a final line break is dropped). Never on the command line.",
            Required = true,
        };
        var command = new Command("add", "Create an account or, when the name exists, set its role and password; that ends its sessions.")
        {
            name,
            role,
            passwordStdin,
        };
        command.SetAction((result, _) => AddAsync(context, result.GetValue(name)!, result.GetValue(role)!));
        return command;
    }

    private static async Task<int> AddAsync(CliContext context, string name, string role)
    {
        var password = (await context.Console.In.ReadToEndAsync()).TrimEnd('\r', '\n');
        if (AccountService.Check(name, role, password) is { } problem)
        {
            return context.Refuse($"user add: {problem}");
        }

        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>().AddOrUpdateAsync(name, role, password, CancellationToken.None);
        await context.WriteAsync($"{(created ? "oprettet" : "opdateret")} {AccountService.Normalize(name)} ({role})");
        return ExitCodes.Success;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the accounts: name, role, created, last changed (role or password).");
        command.SetAction((_, _) => ListAsync(context));
        return command;
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<AccountService>().ListAsync(CancellationToken.None);
        if (users.Count == 0)
        {
            await context.WriteAsync("ingen brugere; opret en med: " + AddSynopsis);
            return ExitCodes.Success;
        }

        var rows = users.Select(u => (u.UserName, u.Role, Created: DanishFormat.DateTime(u.CreatedAt), Changed: DanishFormat.DateTime(u.UpdatedAt))).ToList();
        var name = Math.Max("bruger".Length, rows.Max(r => r.UserName.Length));
        var created = Math.Max("oprettet".Length, rows.Max(r => r.Created.Length));
        var text = new StringBuilder($"{"bruger".PadRight(name)}  {"rolle",-6}  {"oprettet".PadRight(created)}  ændret");
        foreach (var row in rows)
        {
            text.Append($"\n{row.UserName.PadRight(name)}  {row.Role,-6}  {row.Created.PadRight(created)}  {row.Changed}");
        }

        await context.WriteAsync(text.ToString());
        return ExitCodes.Success;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The account to remove." };
        var command = new Command("remove", "Remove an account; its sessions end with their next request.") { name };
        command.SetAction((result, _) => RemoveAsync(context, result.GetValue(name)!));
        return command;
    }

    private static async Task<int> RemoveAsync(CliContext context, string name)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var normalized = AccountService.Normalize(name);
        return await scope.ServiceProvider.GetRequiredService<AccountService>().RemoveAsync(normalized, CancellationToken.None)
            ? await Done(context, $"slettet {normalized}")
            : context.Refuse($"user remove: there is no account '{normalized}'.");
    }

    private static Command Unlock(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The account to unlock." };
        var command = new Command("unlock", "End the account's lock after wrong passwords, from every address, at once (the lock otherwise ends by itself after 15 minutes).") { name };
        command.SetAction((result, _) => UnlockAsync(context, result.GetValue(name)!));
        return command;
    }

    private static async Task<int> UnlockAsync(CliContext context, string name)
    {
        await using var app = await context.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var normalized = AccountService.Normalize(name);
        return await scope.ServiceProvider.GetRequiredService<AccountService>().UnlockAsync(normalized, CancellationToken.None)
            ? await Done(context, $"låst op {normalized}")
            : context.Refuse($"user unlock: there is no account '{normalized}'.");
    }

    private static async Task<int> Done(CliContext context, string text)
    {
        await context.WriteAsync(text);
        return ExitCodes.Success;
    }
}
