using System.Globalization;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// How an import replaces a month of <c>bif_rows</c> or <c>sof_rows</c>, tables partitioned by month (one partition
/// <c>bif_rows_YYYY_MM</c> a month): the month's rows are copied straight into a table of their own, without an index or
/// a foreign key to check row by row (<see cref="IncomingMonth{TRow}"/>); its key and indexes are then built in bulk as
/// the partitioned table has them — the key build is also the file's duplicate check — and its statistics gathered (the
/// matching plans with them); under the month's lock the foreign key is added and the table takes the old partition's
/// place. All of it in the import's transaction: a reader sees the old month or the new one, never a mix
/// (docs/extracts.md).
/// </summary>
internal static class MonthPartition
{
    /// <summary>
    /// No statement of an import may be cut off by Npgsql's 30-second default: a month of a million rows passes it on a
    /// loaded machine. Half an hour is far beyond any month this worker is built for, and still ends a hung statement.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The partition that holds <paramref name="month"/> of <paramref name="table"/>, unquoted.</summary>
    public static string Name(string table, DateOnly month) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}_{month:yyyy_MM}");

    /// <summary>
    /// Creates the table the month's rows are copied into, named for this session (<paramref name="process"/>, the
    /// server's process id) so two imports of the same month each fill their own. Its columns are read from the catalog
    /// (names, types, NOT NULL, defaults), not with <c>LIKE</c>: <c>LIKE</c> would hold a lock on the partitioned table
    /// from the first row on, before the month's lock, and an import replacing a month (which detaches a partition) would
    /// then wait for this whole load while holding the locks this import asks for next — a deadlock. The CHECK spares
    /// ATTACH its scan of the rows; the extract file's id is the column's default until the swap, so the COPY need not
    /// carry it. Returns the table, schema-qualified and quoted.
    /// </summary>
    public static async Task<string> CreateAsync(
        NpgsqlConnection connection, StagingTable staging, DateOnly month, long fileId, int process, CancellationToken cancellationToken)
    {
        var fresh = Fresh(staging, month, process);
        var date = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string columns;
        await using (var read = Command(
            """
            SELECT string_agg(format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                     CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                                     ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid)), ', ' ORDER BY a.attnum)
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = @parent::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """,
            connection,
            null))
        {
            read.Parameters.AddWithValue("parent", staging.Table);
            columns = (string)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var create = Command(
            $"""
            CREATE TABLE {fresh} ({columns}, CHECK (month IS NOT NULL AND month = DATE '{date}'));
            ALTER TABLE {fresh} ALTER COLUMN {StagingTable.Quote(staging.FileColumn)} SET DEFAULT {fileId.ToString(CultureInfo.InvariantCulture)};
            """,
            connection,
            null);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return fresh;
    }

    private static string Fresh(StagingTable staging, DateOnly month, int process) =>
        $"{StagingTable.Quote(staging.Schema)}.{StagingTable.Quote(string.Create(CultureInfo.InvariantCulture, $"{Name(staging.TableName, month)}_new_{process}"))}";

    /// <summary>
    /// The partitioned table's key and indexes, each built once over the whole month (ATTACH adopts them; one it does not
    /// recognise it would build itself), then the statistics the matching plans with. The key is (month, pseudonym), so
    /// its build is the file's duplicate check: false when it found the same citizen twice, with the transaction as it
    /// was before (a savepoint), so the caller can report the repeats.
    /// </summary>
    public static async Task<bool> BuildKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagingTable staging, string fresh, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("month_keys", cancellationToken);
        try
        {
            await using var index = Command(
                $"""
                DO $$
                DECLARE
                    parent regclass := '{staging.Table}'::regclass;
                    fresh regclass := '{fresh}'::regclass;
                    i record;
                BEGIN
                    FOR i IN SELECT x.indisprimary AS is_primary, x.indisunique AS is_unique,
                                    (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), ', ' ORDER BY k)
                                     FROM generate_series(1, x.indnkeyatts) k) AS columns
                             FROM pg_index x WHERE x.indrelid = parent ORDER BY x.indisprimary DESC LOOP
                        IF i.is_primary THEN
                            EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (%s)', fresh, i.columns);
                        ELSE
                            EXECUTE format('CREATE %s INDEX ON %s (%s)', CASE WHEN i.is_unique THEN 'UNIQUE' ELSE '' END, fresh, i.columns);
                        END IF;
                    END LOOP;
                END $$;
                ANALYZE {fresh};
                """,
                connection,
                transaction);
            await index.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The message names the repeated key (a pseudonym); it goes nowhere. The caller reports the lines.
            await transaction.RollbackAsync("month_keys", cancellationToken);
            return false;
        }

        await transaction.ReleaseAsync("month_keys", cancellationToken);
        return true;
    }

    /// <summary>
    /// Puts the month's new table in the old partition's place. The caller holds the month's lock and <c>extract_files</c>
    /// in SHARE ROW EXCLUSIVE mode, which adding the foreign key takes, and has recorded the file the rows refer to.
    /// </summary>
    public static async Task AttachAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagingTable staging, string fresh, DateOnly month, ImportTimings timings, CancellationToken cancellationToken)
    {
        var name = Name(staging.TableName, month);
        var date = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // 1. The partitioned table's foreign keys, each checked once over the whole month.
        await using (var keys = Command(
            $"""
            ALTER TABLE {fresh} ALTER COLUMN {StagingTable.Quote(staging.FileColumn)} DROP DEFAULT;
            DO $$
            DECLARE
                parent regclass := '{staging.Table}'::regclass;
                fresh regclass := '{fresh}'::regclass;
                i record;
            BEGIN
                FOR i IN SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c WHERE c.conrelid = parent AND c.contype = 'f' LOOP
                    EXECUTE format('ALTER TABLE %s ADD %s', fresh, i.definition);
                END LOOP;
            END $$;
            """,
            connection,
            transaction))
        {
            await keys.ExecuteNonQueryAsync(cancellationToken);
        }

        timings.Mark("partition: foreign key");

        // 2. The swap. Detaching the old partition locks the partitioned table until the commit; a new month only
        //    attaches, which lets readers of the other months go on.
        await using (var swap = Command(
            $"""
            DO $$
            DECLARE
                parent regclass := '{staging.Table}'::regclass;
                old regclass := to_regclass('{StagingTable.Quote(staging.Schema)}.{StagingTable.Quote(name)}');
            BEGIN
                IF old IS NOT NULL THEN
                    EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', parent, old);
                    EXECUTE format('DROP TABLE %s', old);
                END IF;
            END $$;
            ALTER TABLE {staging.Table} ATTACH PARTITION {fresh} FOR VALUES IN ('{date}');
            ALTER TABLE {fresh} RENAME TO {StagingTable.Quote(name)};
            """,
            connection,
            transaction))
        {
            await swap.ExecuteNonQueryAsync(cancellationToken);
        }

        timings.Mark("partition: swap");
    }

    /// <summary>A command of the import, with its explicit <see cref="CommandTimeout"/>.</summary>
    public static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(sql, connection, transaction) { CommandTimeout = (int)CommandTimeout.TotalSeconds };
}
