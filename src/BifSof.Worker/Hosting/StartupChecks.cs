using BifSof.Worker.Common;
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

        await CheckPseudonymKeyAsync(db, services.GetRequiredService<IOptions<BifSofOptions>>().Value.PseudonymKey!, cancellationToken);
    }

    /// <summary>
    /// The first start on a database records the pseudonym key's fingerprint (an HMAC of a fixed text, which gives
    /// nothing of the key away); every later start, serve or verb, is refused when its key has another one. A different
    /// key would make new pseudonyms that match none of the stored ones, and matching would break without a sound.
    /// </summary>
    private static async Task CheckPseudonymKeyAsync(BifSofDbContext db, string key, CancellationToken cancellationToken)
    {
        var fingerprint = PseudonymKeyFingerprint(key);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO bifsof.key_fingerprints (purpose, fingerprint, recorded_at) VALUES ('pseudonym', {fingerprint}, now()) ON CONFLICT (purpose) DO NOTHING",
            cancellationToken);
        var stored = await db.Database
            .SqlQuery<string>($"SELECT fingerprint AS \"Value\" FROM bifsof.key_fingerprints WHERE purpose = 'pseudonym'")
            .SingleAsync(cancellationToken);
        if (!string.Equals(stored, fingerprint, StringComparison.Ordinal))
        {
            throw new StartupException(
            [
                $"Configuration error: BifSof:PseudonymKey (BifSof__PseudonymKey) is not the key this database's pseudonyms were made with (fingerprint {fingerprint[..12]}, stored {stored[..12]}): use that key, or change keys as docs/configuration.md describes.",
            ]);
        }
    }

    public static string PseudonymKeyFingerprint(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), "bifsof:pseudonym-key-fingerprint"u8));
}
