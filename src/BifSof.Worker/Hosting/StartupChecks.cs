using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Hosting;

/// <summary>
/// What every start does before any work: validate the options, check the e-mail and page templates, apply pending migrations.
/// A failure becomes one line per problem, naming the setting or the file and line.
/// </summary>
internal static partial class StartupChecks
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

        await CheckPseudonymKeyAsync(services, db, services.GetRequiredService<IOptions<BifSofOptions>>().Value.PseudonymKey!, cancellationToken);
    }

    /// <summary>
    /// The first start on a database records the pseudonym key's fingerprint (an HMAC of a fixed text, which gives
    /// nothing of the key away); every later start, serve or verb, is refused when its key has another one. A different
    /// key would make new pseudonyms that match none of the stored ones, and matching would break without a sound.
    /// A database that already holds pseudonyms but no fingerprint (one from before the check) is not taken on trust:
    /// the key must first make the pseudonym of a CPR number in an archived extract that is stored
    /// (<see cref="ConfirmKeyAsync"/>); otherwise the start is refused and says how to record the key by hand.
    /// </summary>
    private static async Task CheckPseudonymKeyAsync(IServiceProvider services, BifSofDbContext db, string key, CancellationToken cancellationToken)
    {
        var fingerprint = PseudonymKeyFingerprint(key);
        var recorded = await db.Database
            .SqlQuery<string>($"SELECT fingerprint AS \"Value\" FROM bifsof.key_fingerprints WHERE purpose = 'pseudonym'")
            .ToListAsync(cancellationToken);
        if (recorded.Count == 0)
        {
            if (await ConfirmKeyAsync(services, db, key, cancellationToken) is { } problem)
            {
                throw new StartupException(
                [
                    $"Configuration error: BifSof:PseudonymKey (BifSof__PseudonymKey) cannot be checked against this database's pseudonyms, which were stored before their key's fingerprint was: {problem} If this is certainly the key they were made with, record it: INSERT INTO bifsof.key_fingerprints (purpose, fingerprint, recorded_at) VALUES ('pseudonym', '{fingerprint}', now()); (docs/operations.md).",
                ]);
            }

            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO bifsof.key_fingerprints (purpose, fingerprint, recorded_at) VALUES ('pseudonym', {fingerprint}, now()) ON CONFLICT (purpose) DO NOTHING",
                cancellationToken);
        }

        var stored = await db.Database
            .SqlQuery<string>($"SELECT fingerprint AS \"Value\" FROM bifsof.key_fingerprints WHERE purpose = 'pseudonym'")
            .SingleAsync(cancellationToken);
        if (!string.Equals(stored, fingerprint, StringComparison.Ordinal))
        {
            throw new StartupException(
            [
                $"Configuration error: BifSof:PseudonymKey (BifSof__PseudonymKey) is not the key this database's pseudonyms were made with (fingerprint {fingerprint[..12]}, stored {stored[..12]}): use that key, or change keys as docs/operations.md describes.",
            ]);
        }
    }

    // How much of the archive the check reads: enough CPR numbers to find one that is stored, never a whole year's files.
    private const int ArchivedFilesChecked = 24;
    private const int BytesReadPerFile = 256 * 1024;
    private const int CprNumbersPerFile = 200;

    /// <summary>
    /// Null when the key is confirmed: a database without pseudonyms (nothing to break), or one where the key turns a CPR
    /// number of an archived extract (<c>Extracts__InboxPath</c>/archive, newest first) into a stored pseudonym. Else
    /// why not, in one sentence. The CPR numbers read are used only here and never logged.
    /// </summary>
    private static async Task<string?> ConfirmKeyAsync(IServiceProvider services, BifSofDbContext db, string key, CancellationToken cancellationToken)
    {
        var hasPseudonyms = await db.Database
            .SqlQuery<bool>($"SELECT (EXISTS (SELECT 1 FROM bifsof.bif_rows) OR EXISTS (SELECT 1 FROM bifsof.sof_rows)) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!hasPseudonyms)
        {
            return null;
        }

        var archive = Path.Combine(Path.GetFullPath(services.GetRequiredService<IOptions<ExtractOptions>>().Value.InboxPath), "archive");
        var files = Directory.Exists(archive)
            ? new DirectoryInfo(archive).EnumerateFiles("*.csv").OrderByDescending(f => f.Name, StringComparer.Ordinal).Take(ArchivedFilesChecked).ToList()
            : [];
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(key);
        var checkedNumbers = 0;
        foreach (var file in files)
        {
            var pseudonyms = CprNumbers(await ReadStartAsync(file.FullName, cancellationToken))
                .Select(digits => System.Security.Cryptography.HMACSHA256.HashData(keyBytes, System.Text.Encoding.ASCII.GetBytes(digits)))
                .ToArray();
            checkedNumbers += pseudonyms.Length;
            var candidates = new NpgsqlParameter("candidates", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea) { Value = pseudonyms };
            if (pseudonyms.Length > 0 && await db.Database
                .SqlQueryRaw<bool>(
                    "SELECT (EXISTS (SELECT 1 FROM bifsof.bif_rows WHERE pseudonym = ANY(@candidates)) OR EXISTS (SELECT 1 FROM bifsof.sof_rows WHERE pseudonym = ANY(@candidates))) AS \"Value\"",
                    candidates)
                .SingleAsync(cancellationToken))
            {
                return null;
            }
        }

        return files.Count == 0
            ? $"there is no archived extract in {archive} to check it with."
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"none of the {checkedNumbers} CPR numbers of the {files.Count} newest archived extracts in {archive} gives a stored pseudonym under this key.");
    }

    private static async Task<string> ReadStartAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[BytesReadPerFile];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        // Digits are the same bytes in every encoding the extracts may have.
        return System.Text.Encoding.Latin1.GetString(buffer, 0, read);
    }

    private static IEnumerable<string> CprNumbers(string text) =>
        CprShape().Matches(text)
            .Select(m => ExtractValues.TryParseCpr(m.Value, out var digits, out _) ? digits : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Take(CprNumbersPerFile);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)\d{6}-?\d{4}(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex CprShape();

    public static string PseudonymKeyFingerprint(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), "bifsof:pseudonym-key-fingerprint"u8));
}
