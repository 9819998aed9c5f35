using BifSof.Worker.Data;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>
/// What every start does before any work: validate the options, check the e-mail and page templates, apply pending migrations.
/// A failure becomes one line per problem, naming the setting or the file and line.
/// </summary>
internal static class StartupChecks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            throw new StartupException(ex.Failures.Select(f => "Configuration error: " + f));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options sections failed at once: one line per failing setting.
            throw new StartupException(ex.InnerExceptions.Cast<OptionsValidationException>()
                .SelectMany(e => e.Failures)
                .Select(f => "Configuration error: " + f));
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            throw new StartupException(["Configuration error: " + ex.Message]);
        }

        try
        {
            _ = services.GetRequiredService<MailTemplates>();
            _ = services.GetRequiredService<PageTemplates>();
        }
        catch (TemplateCheckException ex)
        {
            throw new StartupException(ex.Errors.Select(e => "Template error: " + e));
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BifSofDbContext>();
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Npgsql's message names host, port and the failure, never the password.
            throw new StartupException([$"Database error: ConnectionStrings:BifSof (ConnectionStrings__BifSof) cannot be used: {ex.Message}"]);
        }
    }
}
