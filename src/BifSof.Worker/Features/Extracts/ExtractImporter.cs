using System.Text.Json;
using BifSof.Worker.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Imports one BIF or SOF extract, all or nothing. The file is read twice as a stream (encoding and hash, then the
/// rows), so memory does not grow with it; valid rows go by binary COPY into a temporary table, duplicates are found
/// in SQL, and only a file without a single error replaces its month, in the same transaction that joins the month's
/// shared citizens and tells the <see cref="IExtractMonthSubscriber"/>s what changed. A refused file leaves every stored
/// row as it was and is recorded with its report. The rows' columns come from the EF model (<see cref="StagingTable"/>).
/// </summary>
public sealed class ExtractImporter(
    NpgsqlDataSource dataSource,
    BifSofDbContext db,
    CprPseudonyms pseudonyms,
    IEnumerable<IExtractMonthSubscriber> subscribers,
    TimeProvider clock,
    ILogger<ExtractImporter> logger)
{
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fileName = Path.GetFileName(path);
        var report = new ImportReport { File = fileName };
        if (!File.Exists(path))
        {
            report.AddError(new ImportError(0, null, null, "filen findes ikke"));
            return report;
        }

        var (nameSource, nameMonth) = ExtractFileName.Parse(fileName);
        var (encoding, encodingName, hash) = await ExtractEncoding.DetectAsync(path, cancellationToken);
        var sha = Convert.ToHexStringLower(hash);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (encoding is null)
        {
            report.AddError(new ImportError(1, null, null, "filen begynder med et UTF-8-mærke (BOM), men indeholder bytes, der ikke er UTF-8: gem den igen som UTF-8"));
            await RecordAsync(connection, null, report, sha, encodingName, nameMonth, cancellationToken);
            return report;
        }

        try
        {
            return await ImportCheckedAsync(connection, path, fileName, encoding, encodingName, sha, nameSource, nameMonth, report, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // A value PostgreSQL cannot hold (class 22, data exception): refused like any bad value, with nothing stored.
            report.AddError(new ImportError(0, null, null, $"filen indeholder en værdi, databasen ikke kan gemme ({ex.SqlState})"));
            report.Status = ImportReport.Rejected;
            await RecordAsync(connection, null, report, sha, encodingName, nameMonth, cancellationToken);
            return report;
        }
    }

    private async Task<ImportReport> ImportCheckedAsync(
        NpgsqlConnection connection, string path, string fileName, System.Text.Encoding encoding, string encodingName, string sha,
        ExtractSource? nameSource, DateOnly? nameMonth, ImportReport report, CancellationToken cancellationToken)
    {
        if (await CurrentWithSameBytesAsync(connection, sha, cancellationToken) is { } current
            && (nameMonth is null || nameMonth == current.Month))
        {
            report.Source = current.Source;
            report.Month = ExtractValues.FormatMonth(current.Month);
            report.Rows = current.Rows;
            report.Status = ImportReport.Unchanged;
            await RecordAsync(connection, null, report, sha, encodingName, current.Month, cancellationToken);
            ExtractLog.Imported(logger, fileName, report.Source, report.Month, report.Status, report.Rows);
            return report;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var staging = await StageAsync(connection, path, encoding, sha, nameSource, nameMonth, report, cancellationToken);
        if (staging is not null)
        {
            await FindDuplicatesAsync(connection, report, cancellationToken);
        }

        var parsed = report.Source is not null && report.Month is not null && ExtractValues.TryParseMonth(report.Month, out var fileMonth)
            ? (Source: report.Source == "bif" ? ExtractSource.Bif : ExtractSource.Sof, Month: fileMonth)
            : ((ExtractSource Source, DateOnly Month)?)null;
        if (report.ErrorCount > 0 || parsed is null || staging is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            report.Status = ImportReport.Rejected;
            await RecordAsync(connection, null, report, sha, encodingName, parsed?.Month ?? nameMonth, cancellationToken);
            ExtractLog.Rejected(logger, fileName, report.ErrorCount, report.Errors.FirstOrDefault()?.Line ?? 0);
            return report;
        }

        var (source, month) = parsed.Value;
        await ExtractMonthLock.AcquireAsync(connection, transaction, month, cancellationToken);
        report.Status = ImportReport.Imported;
        var fileId = await RecordAsync(connection, transaction, report, sha, encodingName, month, cancellationToken);
        await ReplaceMonthAsync(connection, transaction, staging, source, month, fileId, cancellationToken);
        var change = new ExtractMonthChange(month, source, await MatchAsync(connection, transaction, month, cancellationToken));
        foreach (var subscriber in subscribers)
        {
            await subscriber.MonthReplacedAsync(connection, transaction, change, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        ExtractLog.Imported(logger, fileName, report.Source, report.Month, report.Status, report.Rows);
        if (change.SharedCitizens is { } count)
        {
            ExtractLog.Matched(logger, report.Month!, count);
        }

        await PublishCommittedAsync(change, cancellationToken);
        return report;
    }

    /// <summary>The import stands whatever a subscriber does after the commit; what it failed to start, its safety net finds.</summary>
    private async Task PublishCommittedAsync(ExtractMonthChange change, CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.MonthCommittedAsync(change, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ExtractLog.SubscriberFailed(logger, ex, ExtractValues.FormatMonth(change.Month), subscriber.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Parses the file into a temporary table, collecting every error; the report gets the file's source and month.
    /// Returns the staging the rows went to, or null when the header is unusable.
    /// </summary>
    private async Task<StagingTable?> StageAsync(
        NpgsqlConnection connection, string path, System.Text.Encoding encoding, string sha, ExtractSource? nameSource, DateOnly? nameMonth, ImportReport report, CancellationToken cancellationToken)
    {
        using var bytes = new HashingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        using var text = new StreamReader(bytes, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var csv = new CsvReader(text);
        try
        {
            var header = csv.Read();
            if (header is null)
            {
                report.AddError(new ImportError(1, null, null, "filen er tom: første linje skal være overskriften"));
                return null;
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            for (var i = 0; i < header.Fields.Count; i++)
            {
                var name = header.Fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
                names.Add(name);
                if (name.Length > 0 && !columns.TryAdd(name, i))
                {
                    report.AddError(new ImportError(1, name, null, "kolonnen står to gange i overskriften"));
                }
            }

            var source = nameSource
                ?? (columns.ContainsKey("bif_sagsnr") ? ExtractSource.Bif : columns.ContainsKey("sof_sagsnr") ? ExtractSource.Sof : (ExtractSource?)null);
            if (source is null)
            {
                report.AddError(new ImportError(1, null, null, "kan ikke se, om filen er fra BIF eller SOF: navngiv den bif_ÅÅÅÅ-MM.csv eller sof_ÅÅÅÅ-MM.csv"));
                return null;
            }

            report.Source = source == ExtractSource.Bif ? "bif" : "sof";
            foreach (var missing in (source == ExtractSource.Bif ? BifSchema.Required : SofSchema.Required).Where(c => !columns.ContainsKey(c)))
            {
                report.AddError(new ImportError(1, missing, null, "kolonnen mangler i overskriften"));
            }

            if (report.ErrorCount > 0)
            {
                return null;
            }

            // A row with more fields than the header is refused; the reader does not keep what it cannot use.
            csv.MaxFields = header.Fields.Count;
            var staging = source == ExtractSource.Bif
                ? await CopyRowsAsync(connection, csv, header.Fields.Count, columns, names, nameMonth, report, StagingTable.For<BifRow>(db.Model), BifSchema.Read, cancellationToken)
                : await CopyRowsAsync(connection, csv, header.Fields.Count, columns, names, nameMonth, report, StagingTable.For<SofRow>(db.Model), SofSchema.Read, cancellationToken);

            // The bytes parsed must be the bytes hashed: a file still being written would otherwise be stored under the
            // hash of another version, and "unchanged" would lie.
            if (!Convert.ToHexStringLower(bytes.FinishHash()).Equals(sha, StringComparison.Ordinal))
            {
                report.AddError(new ImportError(0, null, null, "filen ændrede sig, mens den blev indlæst: indlæs den igen, når den er skrevet færdig"));
            }

            return staging;
        }
        catch (CsvFormatException ex)
        {
            report.AddError(new ImportError(ex.Line, null, null, ex.Message));
            return null;
        }
    }

    /// <summary>
    /// Checks every row of the file and copies it into the staging table: a valid row whole, a refused row with a valid
    /// CPR by its pseudonym only, so every repeated CPR is reported too.
    /// </summary>
    private async Task<StagingTable> CopyRowsAsync<TRow>(
        NpgsqlConnection connection, CsvReader csv, int headerFields, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> names, DateOnly? nameMonth,
        ImportReport report, StagingTable<TRow> staging, Func<RowReader, DateOnly, CprPseudonyms, TRow?> read, CancellationToken cancellationToken)
        where TRow : class
    {
        await using (var create = new NpgsqlCommand(staging.CreateSql, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var month = nameMonth;
        report.Month = month is { } m ? ExtractValues.FormatMonth(m) : null;
        await using var copy = await connection.BeginBinaryImportAsync(staging.CopySql, cancellationToken);
        while (csv.Read() is { } record)
        {
            report.Rows++;
            var row = new RowReader(columns, record, report);
            if (record.FieldCount != headerFields)
            {
                row.Fail(null!, null, $"rækken har {record.FieldCount} felter, overskriften {headerFields} (et ; i et felt uden anførselstegn?)");
                continue;
            }

            if (!row.CheckFields(names))
            {
                continue;
            }

            // A row without its month is still read to the end, so the report lists all its errors.
            var rowMonth = ReadMonth(row, ref month, report);
            if (read(row, rowMonth ?? default, pseudonyms) is { } valid && rowMonth is not null)
            {
                await staging.WriteAsync(copy, valid, ExtractValues.MaskCpr(row.CprDigits!), cancellationToken);
            }
            else if (row.CprDigits is { } digits)
            {
                await staging.WriteKeyOnlyAsync(copy, row.Line, pseudonyms.For(digits), ExtractValues.MaskCpr(digits), cancellationToken);
            }
        }

        if (report.Rows == 0)
        {
            report.AddError(new ImportError(2, null, null, "filen har ingen rækker efter overskriften"));
        }

        await copy.CompleteAsync(cancellationToken);
        return staging;
    }

    /// <summary>The row's <c>maaned</c>; the first row fixes the file's month when the file name has none.</summary>
    private static DateOnly? ReadMonth(RowReader row, ref DateOnly? fileMonth, ImportReport report)
    {
        var text = row.Text("maaned", required: true);
        if (text is null)
        {
            return null;
        }

        if (!ExtractValues.TryParseMonth(text, out var month))
        {
            row.Fail("maaned", text, "ikke en måned (brug ÅÅÅÅ-MM)");
            return null;
        }

        if (fileMonth is null)
        {
            fileMonth = month;
            report.Month = ExtractValues.FormatMonth(month);
        }
        else if (fileMonth != month)
        {
            row.Fail("maaned", text, $"filen gælder {ExtractValues.FormatMonth(fileMonth.Value)}; alle rækker skal have samme måned");
            return null;
        }

        return month;
    }

    /// <summary>The same CPR twice in one file: every repeat is an error at its own line.</summary>
    private static async Task FindDuplicatesAsync(NpgsqlConnection connection, ImportReport report, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {StagingTable.LineColumn}, {StagingTable.MaskedColumn}, first_line
            FROM (SELECT {StagingTable.LineColumn}, {StagingTable.MaskedColumn}, row_number() OVER w AS n, first_value({StagingTable.LineColumn}) OVER w AS first_line
                  FROM {StagingTable.Name} WINDOW w AS (PARTITION BY {StagingTable.PseudonymColumn} ORDER BY {StagingTable.LineColumn})) repeats
            WHERE n > 1
            ORDER BY 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            report.AddError(new ImportError(reader.GetInt32(0), "cpr", reader.GetString(1), $"samme CPR-nummer som linje {reader.GetInt32(2)}"));
        }
    }

    private static async Task ReplaceMonthAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagingTable staging, ExtractSource source, DateOnly month, long fileId, CancellationToken cancellationToken)
    {
        var fileColumn = source == ExtractSource.Bif ? "bif_file_id" : "sof_file_id";
        await using var command = new NpgsqlCommand(
            $"""
            DELETE FROM {staging.Table} WHERE month = @month;
            {staging.InsertSql};
            INSERT INTO bifsof.extract_months (month, {fileColumn}) VALUES (@month, @file)
            ON CONFLICT (month) DO UPDATE SET {fileColumn} = excluded.{fileColumn};
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("file", fileId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Joins the month's shared citizens when both extracts are in: normalised match group 2 or 3 and a SOF unit
    /// other than <c>andet</c>. Returns how many, or null when an extract is missing.
    /// </summary>
    internal static async Task<int?> MatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM bifsof.shared_citizens WHERE month = @month;
            INSERT INTO bifsof.shared_citizens (month, pseudonym, bif_case_number, sof_case_number, normalized_group, unit, centre, team, team_email, target_group)
            SELECT b.month, b.pseudonym, b.case_number, s.case_number, b.normalized_group, s.unit, s.centre, s.team, s.team_email, s.target_group
            FROM bifsof.bif_rows b
            JOIN bifsof.sof_rows s ON s.month = b.month AND s.pseudonym = b.pseudonym
            JOIN bifsof.extract_months m ON m.month = b.month AND m.bif_file_id IS NOT NULL AND m.sof_file_id IS NOT NULL
            WHERE b.month = @month AND b.normalized_group IN (2, 3) AND s.unit <> 'andet';
            UPDATE bifsof.extract_months
            SET matched_at = CASE WHEN bif_file_id IS NOT NULL AND sof_file_id IS NOT NULL THEN now() END,
                shared_citizens = CASE WHEN bif_file_id IS NOT NULL AND sof_file_id IS NOT NULL
                                       THEN (SELECT count(*) FROM bifsof.shared_citizens WHERE month = @month)::int END
            WHERE month = @month
            RETURNING shared_citizens;
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("month", month);
        return await command.ExecuteScalarAsync(cancellationToken) is int shared ? shared : null;
    }

    private static async Task<(string Source, DateOnly Month, int Rows)?> CurrentWithSameBytesAsync(NpgsqlConnection connection, string sha, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT f.source, f.month, f.rows
            FROM bifsof.extract_months m
            JOIN bifsof.extract_files f ON f.id IN (m.bif_file_id, m.sof_file_id)
            WHERE f.sha256 = @sha
            LIMIT 1
            """,
            connection);
        command.Parameters.AddWithValue("sha", sha);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2))
            : null;
    }

    private async Task<long> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ImportReport report, string sha, string encoding, DateOnly? month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO bifsof.extract_files (file_name, source, month, sha256, encoding, status, rows, error_count, errors, imported_at)
            VALUES (@name, @source, @month, @sha, @encoding, @status, @rows, @errorCount, @errors, @at)
            RETURNING id
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("name", report.File);
        command.Parameters.AddWithValue("source", (object?)report.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("month", NpgsqlDbType.Date, (object?)month ?? DBNull.Value);
        command.Parameters.AddWithValue("sha", sha);
        command.Parameters.AddWithValue("encoding", encoding);
        command.Parameters.AddWithValue("status", report.Status);
        command.Parameters.AddWithValue("rows", report.Rows);
        command.Parameters.AddWithValue("errorCount", report.ErrorCount);
        command.Parameters.AddWithValue("errors", NpgsqlDbType.Jsonb, report.ErrorCount > 0 ? JsonSerializer.Serialize(report.Errors) : DBNull.Value);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
