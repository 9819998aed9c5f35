using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using BifSof.Worker.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Imports one BIF or SOF extract, all or nothing. The file is read twice as a stream (encoding and hash, then the
/// rows), so memory does not grow with it; valid rows go by binary COPY straight into the table that becomes the month's
/// partition (<see cref="IncomingMonth{TRow}"/>), its key build finds repeated citizens, and only a file without a single
/// error replaces its month, in the same transaction that joins the month's shared citizens and tells the
/// <see cref="IExtractMonthSubscriber"/>s what changed. A refused file leaves every stored row as it was and is recorded
/// with its report. The rows' columns come from the EF model (<see cref="StagingTable"/>).
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
        var timings = new ImportTimings();
        if (!File.Exists(path))
        {
            report.AddError(new ImportError(0, null, null, "filen findes ikke"));
            return report;
        }

        var (nameSource, nameMonth) = ExtractFileName.Parse(fileName);
        var (encoding, encodingName, hash) = await ExtractEncoding.DetectAsync(path, cancellationToken);
        var sha = Convert.ToHexStringLower(hash);
        timings.Mark("encoding and hash");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (encoding is null)
        {
            report.AddError(new ImportError(1, null, null, "filen begynder med et UTF-8-mærke (BOM), men indeholder bytes, der ikke er UTF-8: gem den igen som UTF-8"));
            await RecordAsync(connection, null, report, sha, encodingName, nameMonth, cancellationToken);
            return report;
        }

        try
        {
            return await ImportCheckedAsync(connection, path, fileName, encoding, encodingName, sha, nameSource, nameMonth, report, timings, cancellationToken);
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
        ExtractSource? nameSource, DateOnly? nameMonth, ImportReport report, ImportTimings timings, CancellationToken cancellationToken)
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

        timings.Mark("open");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fileId = await ReserveFileIdAsync(connection, cancellationToken);
        await using var incoming = await StageAsync(connection, path, encoding, sha, nameSource, nameMonth, report, fileId, timings, cancellationToken);
        if (incoming is not null)
        {
            // A file without an error so far: its key build is the duplicate check. Otherwise (or when the build found a
            // repeat) the repeats are listed for the report.
            var keyed = report.ErrorCount == 0 && incoming.Fresh is { } fresh
                && await MonthPartition.BuildKeysAsync(connection, transaction, incoming.Staging, fresh, cancellationToken);
            timings.Mark("partition: keys, indexes, statistics");
            if (!keyed)
            {
                var errors = report.ErrorCount;
                await ReportRepeatsAsync(incoming, path, encoding, report, cancellationToken);
                timings.Mark("duplicates");
                if (errors == 0 && report.ErrorCount == 0)
                {
                    // The key build failed on a unique index that is not the citizen's key (one a later migration adds):
                    // no line to name, and still no month stored.
                    report.AddError(new ImportError(0, null, null, "rækkerne bryder en entydighedsregel i databasen (ikke CPR-nummeret): kontakt driften"));
                }
            }
        }

        var parsed = report.Source is not null && report.Month is not null && ExtractValues.TryParseMonth(report.Month, out var fileMonth)
            ? (Source: report.Source == "bif" ? ExtractSource.Bif : ExtractSource.Sof, Month: fileMonth)
            : ((ExtractSource Source, DateOnly Month)?)null;
        if (report.ErrorCount > 0 || parsed is null || incoming?.Fresh is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            report.Status = ImportReport.Rejected;
            await RecordAsync(connection, null, report, sha, encodingName, parsed?.Month ?? nameMonth, cancellationToken);
            ExtractLog.Rejected(logger, fileName, report.ErrorCount, report.Errors.FirstOrDefault()?.Line ?? 0);
            return report;
        }

        var (source, month) = parsed.Value;
        if (incoming.Month != month)
        {
            throw new InvalidOperationException($"The rows were copied as {incoming.Month}, the file is {month}.");
        }

        await ExtractMonthLock.AcquireAsync(connection, transaction, month, cancellationToken);
        // Adding the new month's foreign key takes this lock; taking it before this import's own row in extract_files
        // makes two imports of different months take turns here instead of deadlocking over each other's rows.
        await using (var lockFiles = MonthPartition.Command("LOCK TABLE bifsof.extract_files IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await lockFiles.ExecuteNonQueryAsync(cancellationToken);
        }

        report.Status = ImportReport.Imported;
        await RecordAsync(connection, transaction, report, sha, encodingName, month, cancellationToken, fileId);
        timings.Mark("locks");
        await ReplaceMonthAsync(connection, transaction, incoming, source, month, timings, cancellationToken);
        var change = new ExtractMonthChange(month, source, await MatchAsync(connection, transaction, month, cancellationToken));
        timings.Mark("match");
        foreach (var subscriber in subscribers)
        {
            await subscriber.MonthReplacedAsync(connection, transaction, change, cancellationToken);
        }

        timings.Mark("subscribers");
        await transaction.CommitAsync(cancellationToken);
        timings.Mark("commit");
        ExtractLog.Imported(logger, fileName, report.Source, report.Month, report.Status, report.Rows);
        if (change.SharedCitizens is { } count)
        {
            ExtractLog.Matched(logger, report.Month!, count);
        }

        await RefreshStatisticsAsync(connection, incoming.Staging.Table, report.Month!, cancellationToken);
        timings.Mark("statistics");
        ExtractLog.Timings(logger, fileName, report.Rows, (long)timings.Total.TotalMilliseconds, timings);

        await PublishCommittedAsync(change, cancellationToken);
        return report;
    }

    /// <summary>
    /// The partitioned table's own statistics, over all its months: the other features' queries (KPIs, digest, advisories)
    /// plan their joins with them, and autovacuum gathers them for each partition but never for a partitioned table.
    /// <c>ANALYZE</c> of a partitioned table samples every partition again, so it runs by autovacuum's own rule: when the
    /// table has none yet, or its rows (the sum of its partitions' counts) differ by more than 10 % from what it last
    /// saw. After the commit, so neither the month's lock nor the swap waits for it; the import stands if it fails.
    /// </summary>
    private async Task RefreshStatisticsAsync(NpgsqlConnection connection, string table, string month, CancellationToken cancellationToken)
    {
        try
        {
            bool stale;
            await using (var check = MonthPartition.Command(
                """
                SELECT p.reltuples < 0 OR abs(coalesce(sum(greatest(c.reltuples, 0)), 0) - p.reltuples) > 0.1 * greatest(p.reltuples, 1)
                FROM pg_class p
                LEFT JOIN pg_inherits i ON i.inhparent = p.oid
                LEFT JOIN pg_class c ON c.oid = i.inhrelid
                WHERE p.oid = @table::regclass
                GROUP BY p.reltuples
                """,
                connection,
                null))
            {
                check.Parameters.AddWithValue("table", table);
                stale = await check.ExecuteScalarAsync(cancellationToken) is true;
            }

            if (stale)
            {
                await using var analyze = MonthPartition.Command($"ANALYZE {table}", connection, null);
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (NpgsqlException ex)
        {
            ExtractLog.StatisticsFailed(logger, ex, month, table);
        }
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
    /// Parses the file into the month's new table, collecting every error; the report gets the file's source and month.
    /// Returns where the rows went, or null when the header is unusable.
    /// </summary>
    private async Task<IncomingMonth?> StageAsync(
        NpgsqlConnection connection, string path, System.Text.Encoding encoding, string sha, ExtractSource? nameSource, DateOnly? nameMonth, ImportReport report, long fileId, ImportTimings timings, CancellationToken cancellationToken)
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
            IncomingMonth incoming = source == ExtractSource.Bif
                ? await CopyRowsAsync(new IncomingMonth<BifRow>(connection, StagingTable.For<BifRow>(db.Model), fileId), csv, header.Fields.Count, columns, names, nameMonth, report, BifSchema.Read, timings, cancellationToken)
                : await CopyRowsAsync(new IncomingMonth<SofRow>(connection, StagingTable.For<SofRow>(db.Model), fileId), csv, header.Fields.Count, columns, names, nameMonth, report, SofSchema.Read, timings, cancellationToken);

            // The bytes parsed must be the bytes hashed: a file still being written would otherwise be stored under the
            // hash of another version, and "unchanged" would lie.
            if (!Convert.ToHexStringLower(bytes.FinishHash()).Equals(sha, StringComparison.Ordinal))
            {
                report.AddError(new ImportError(0, null, null, "filen ændrede sig, mens den blev indlæst: indlæs den igen, når den er skrevet færdig"));
            }

            timings.Mark("copy");

            return incoming;
        }
        catch (CsvFormatException ex)
        {
            report.AddError(new ImportError(ex.Line, null, null, ex.Message));
            return null;
        }
    }

    /// <summary>
    /// Checks every row of the file and copies it into the month's new table (<see cref="IncomingMonth{TRow}"/>): a valid
    /// row whole; once a row is refused only keys, so every repeated CPR is reported too. Reading and checking (one
    /// thread) overlap with the COPY (another): the checked rows pass between them in batches, and at most a few batches
    /// wait, so memory stays flat. Only the reading side touches the report.
    /// </summary>
    private async Task<IncomingMonth<TRow>> CopyRowsAsync<TRow>(
        IncomingMonth<TRow> incoming, CsvReader csv, int headerFields, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> names, DateOnly? nameMonth,
        ImportReport report, Func<RowReader, DateOnly, CprPseudonyms, TRow?> read, ImportTimings timings, CancellationToken cancellationToken)
        where TRow : class, IExtractRow
    {
        report.Month = nameMonth is { } m ? ExtractValues.FormatMonth(m) : null;
        var batches = Channel.CreateBounded<List<StagedRow<TRow>>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadRowsAsync(csv, headerFields, columns, names, nameMonth, report, read, batches.Writer, timings, stop.Token), stop.Token);
        var writing = new System.Diagnostics.Stopwatch();
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                writing.Start();
                await incoming.WriteAsync(batch, cancellationToken);
                writing.Stop();
            }
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
            }

            await incoming.DisposeAsync(); // ends a COPY under way, so the connection can roll back and record the refusal
            throw;
        }

        try
        {
            // A reading error (a broken quote) surfaces here, after the rows before it were copied, as it did before.
            await reading;
        }
        catch
        {
            await incoming.DisposeAsync();
            throw;
        }

        if (report.Rows == 0)
        {
            report.AddError(new ImportError(2, null, null, "filen har ingen rækker efter overskriften"));
        }

        writing.Start();
        await incoming.CompleteAsync(cancellationToken);
        writing.Stop();
        timings.Add("copy: writing", writing.Elapsed);
        return incoming;
    }

    /// <summary>The reading side of <see cref="CopyRowsAsync"/>: every row checked, in order, in batches of rows to copy.</summary>
    private async Task ReadRowsAsync<TRow>(
        CsvReader csv, int headerFields, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> names, DateOnly? month,
        ImportReport report, Func<RowReader, DateOnly, CprPseudonyms, TRow?> read, ChannelWriter<List<StagedRow<TRow>>> batches, ImportTimings timings, CancellationToken cancellationToken)
        where TRow : class
    {
        var busy = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            bool more;
            do
            {
                var batch = new List<StagedRow<TRow>>(BatchSize);
                more = ReadBatch(csv, headerFields, columns, names, ref month, report, read, batch);
                if (batch.Count > 0)
                {
                    busy.Stop();
                    await batches.WriteAsync(batch, cancellationToken);
                    busy.Start();
                }
            }
            while (more);
        }
        finally
        {
            batches.TryComplete();
            timings.Add("copy: reading", busy.Elapsed);
        }
    }

    private const int BatchSize = 2048;

    /// <summary>
    /// Reads and checks rows into <paramref name="batch"/> until it holds <see cref="BatchSize"/>; false at the end of
    /// the file. Synchronous and compiled fully optimised at once: every row of an import passes here once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadBatch<TRow>(
        CsvReader csv, int headerFields, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> names, ref DateOnly? month,
        ImportReport report, Func<RowReader, DateOnly, CprPseudonyms, TRow?> read, List<StagedRow<TRow>> batch)
        where TRow : class
    {
        while (batch.Count < BatchSize)
        {
            if (csv.Read() is not { } record)
            {
                return false;
            }

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
                batch.Add(new StagedRow<TRow>(valid, row.Line, null));
            }
            else if (row.CprDigits is { } digits)
            {
                batch.Add(new StagedRow<TRow>(null, row.Line, pseudonyms.For(digits)));
            }
        }

        return true;
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

    /// <summary>
    /// The same CPR twice in one file: every repeat is an error at its own line, with the CPR masked as the report shows
    /// it. Nothing stored holds a CPR, not even masked, so the file is read again for the repeats' lines (a refused file
    /// only).
    /// </summary>
    private static async Task ReportRepeatsAsync(IncomingMonth incoming, string path, System.Text.Encoding encoding, ImportReport report, CancellationToken cancellationToken)
    {
        var repeats = await incoming.RepeatsAsync(cancellationToken);
        if (repeats.Count == 0)
        {
            return;
        }

        var masked = await MaskedCprsAsync(path, encoding, repeats.Select(r => r.Line).ToHashSet(), cancellationToken);
        foreach (var (line, first) in repeats)
        {
            report.AddError(new ImportError(line, "cpr", masked.GetValueOrDefault(line, "****"), $"samme CPR-nummer som linje {first}"));
        }
    }

    /// <summary>The masked CPR of each of <paramref name="lines"/>, read from the file again.</summary>
    private static async Task<Dictionary<int, string>> MaskedCprsAsync(string path, System.Text.Encoding encoding, HashSet<int> lines, CancellationToken cancellationToken)
    {
        var masked = new Dictionary<int, string>();
        await using var bytes = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        using var text = new StreamReader(bytes, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var csv = new CsvReader(text);
        var header = csv.Read();
        var cpr = header?.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList().IndexOf("cpr") ?? -1;
        if (cpr < 0)
        {
            return masked;
        }

        try
        {
            while (masked.Count < lines.Count && csv.Read() is { } record)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (lines.Contains(record.Line) && cpr < record.Fields.Count)
                {
                    masked[record.Line] = ExtractValues.TryParseCpr(record.Fields[cpr].Trim(), out var digits, out _)
                        ? ExtractValues.MaskCpr(digits!)
                        : ExtractValues.MaskCpr(record.Fields[cpr]);
                }
            }
        }
        catch (CsvFormatException)
        {
            // The file changed since it was read (its hash check reports that); the repeats found so far keep their value.
        }

        return masked;
    }

    /// <summary>
    /// The id the file's row in <c>extract_files</c> will have: the month's new rows carry it from the COPY on, and the
    /// row itself is written only under the month's lock. A refused file is recorded under another id.
    /// </summary>
    private static async Task<long> ReserveFileIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = MonthPartition.Command("SELECT nextval(pg_get_serial_sequence('bifsof.extract_files', 'id'))", connection, null);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ReplaceMonthAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IncomingMonth incoming, ExtractSource source, DateOnly month, ImportTimings timings, CancellationToken cancellationToken)
    {
        var fileColumn = source == ExtractSource.Bif ? "bif_file_id" : "sof_file_id";
        var fileId = incoming.FileId;
        await MonthPartition.AttachAsync(connection, transaction, incoming.Staging, incoming.Fresh!, month, timings, cancellationToken);
        await using var command = MonthPartition.Command(
            $"""
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
    /// <remarks>
    /// The join reads the month's two partitions by name, not the partitioned tables: the planner then estimates it from
    /// the partitions' own statistics, which the import that built each one gathered in its transaction
    /// (<see cref="MonthPartition"/>), so it knows both sides hold the whole month and hashes them. Through the
    /// partitioned tables it would use their statistics over all months, which nothing here keeps fresh.
    /// </remarks>
    internal static async Task<int?> MatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        var bif = $"bifsof.{StagingTable.Quote(MonthPartition.Name("bif_rows", month))}";
        var sof = $"bifsof.{StagingTable.Quote(MonthPartition.Name("sof_rows", month))}";
        bool both;
        await using (var exists = MonthPartition.Command("SELECT to_regclass(@bif) IS NOT NULL AND to_regclass(@sof) IS NOT NULL", connection, transaction))
        {
            exists.Parameters.AddWithValue("bif", bif);
            exists.Parameters.AddWithValue("sof", sof);
            both = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
        }

        var join = both
            ? $"""
              INSERT INTO bifsof.shared_citizens (month, pseudonym, bif_case_number, sof_case_number, normalized_group, unit, centre, team, team_email, target_group)
              SELECT b.month, b.pseudonym, b.case_number, s.case_number, b.normalized_group, s.unit, s.centre, s.team, s.team_email, s.target_group
              FROM {bif} b
              JOIN {sof} s ON s.month = b.month AND s.pseudonym = b.pseudonym
              JOIN bifsof.extract_months m ON m.month = b.month AND m.bif_file_id IS NOT NULL AND m.sof_file_id IS NOT NULL
              WHERE b.month = @month AND b.normalized_group IN (2, 3) AND s.unit <> 'andet';
              """
            : string.Empty;
        await using var command = MonthPartition.Command(
            $"""
            DELETE FROM bifsof.shared_citizens WHERE month = @month;
            {join}
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
        await using var command = MonthPartition.Command(
            """
            SELECT f.source, f.month, f.rows
            FROM bifsof.extract_months m
            JOIN bifsof.extract_files f ON f.id IN (m.bif_file_id, m.sof_file_id)
            WHERE f.sha256 = @sha
            LIMIT 1
            """,
            connection,
            null);
        command.Parameters.AddWithValue("sha", sha);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2))
            : null;
    }

    private async Task<long> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, ImportReport report, string sha, string encoding, DateOnly? month, CancellationToken cancellationToken, long? id = null)
    {
        await using var command = MonthPartition.Command(
            """
            INSERT INTO bifsof.extract_files (id, file_name, source, month, sha256, encoding, status, rows, error_count, errors, imported_at)
            VALUES (coalesce(@id, nextval(pg_get_serial_sequence('bifsof.extract_files', 'id'))), @name, @source, @month, @sha, @encoding, @status, @rows, @errorCount, @errors, @at)
            RETURNING id
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", NpgsqlDbType.Bigint, (object?)id ?? DBNull.Value);
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
