using System.Globalization;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// How an import replaces a month of <c>bif_rows</c> or <c>sof_rows</c>, tables partitioned by month (one partition
/// <c>bif_rows_YYYY_MM</c> a month): the month's rows go into a table of their own, without an index or a foreign key
/// to check row by row; its key, indexes and foreign keys are then built in bulk as the partitioned table has them, its
/// statistics gathered (the matching plans with them), and it takes the old partition's place. All of it in the
/// import's transaction: a reader sees the old month or the new one, never a mix (docs/extracts.md).
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
    /// Replaces the month with the staged rows (every one valid). The caller holds the month's lock and
    /// <c>extract_files</c> in SHARE ROW EXCLUSIVE mode, which adding the foreign key takes.
    /// </summary>
    public static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagingTable staging, DateOnly month, long fileId, ImportTimings timings, CancellationToken cancellationToken)
    {
        var name = Name(staging.TableName, month);
        var fresh = $"{StagingTable.Quote(staging.Schema)}.{StagingTable.Quote(name + "_new")}";
        var date = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // 1. The rows, into a table nobody reads yet; the CHECK spares ATTACH its scan of the rows.
        await using (var fill = Command(
            $"""
            CREATE TABLE {fresh} (LIKE {staging.Table} INCLUDING DEFAULTS, CHECK (month IS NOT NULL AND month = DATE '{date}'));
            {staging.InsertInto(fresh)};
            """,
            connection,
            transaction))
        {
            fill.Parameters.AddWithValue("file", fileId);
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }

        timings.Mark("partition: rows");

        // 2. The partitioned table's key, indexes and foreign keys, each built once over the whole month (ATTACH adopts
        //    them; one it does not recognise it would build itself), then the statistics the matching plans with.
        await using (var index = Command(
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
                         FROM pg_index x WHERE x.indrelid = parent LOOP
                    IF i.is_primary THEN
                        EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (%s)', fresh, i.columns);
                    ELSE
                        EXECUTE format('CREATE %s INDEX ON %s (%s)', CASE WHEN i.is_unique THEN 'UNIQUE' ELSE '' END, fresh, i.columns);
                    END IF;
                END LOOP;
                FOR i IN SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c WHERE c.conrelid = parent AND c.contype = 'f' LOOP
                    EXECUTE format('ALTER TABLE %s ADD %s', fresh, i.definition);
                END LOOP;
            END $$;
            ANALYZE {fresh};
            """,
            connection,
            transaction))
        {
            await index.ExecuteNonQueryAsync(cancellationToken);
        }

        timings.Mark("partition: keys, indexes, statistics");

        // 3. The swap. Detaching the old partition locks the partitioned table until the commit; a new month only
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
