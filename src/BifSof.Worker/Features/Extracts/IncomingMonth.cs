using System.Runtime.CompilerServices;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// The writing side of an import's COPY. A valid row goes straight into the table that becomes the month's partition,
/// created at the first valid row (every valid row has the file's month); there is no second copy. From the first refused
/// row on the file is refused whatever follows, so that COPY ends and only the keys (line, pseudonym) of every further
/// row go on, into a temporary table: with the rows already copied they are what the duplicate report reads. Memory
/// stays flat either way. All of it in the import's transaction, so a refused file leaves nothing behind.
/// </summary>
internal abstract class IncomingMonth : IAsyncDisposable
{
    private protected IncomingMonth(NpgsqlConnection connection, StagingTable staging, long fileId)
    {
        Connection = connection;
        Staging = staging;
        FileId = fileId;
    }

    private protected NpgsqlConnection Connection { get; }

    private protected BinaryCopyWriter? Copy { get; set; }

    public StagingTable Staging { get; }

    public long FileId { get; }

    /// <summary>The month's new table, schema-qualified and quoted; null until a valid row came.</summary>
    public string? Fresh { get; private protected set; }

    /// <summary>The month of the rows in <see cref="Fresh"/>.</summary>
    public DateOnly? Month { get; private protected set; }

    /// <summary>True once a refused row came: from then on only keys were kept.</summary>
    public bool KeysOnly { get; private protected set; }

    /// <summary>Ends the COPY under way, if any; when that fails, cancels it, so the connection can roll back.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (Copy is { } copy)
        {
            Copy = null;
            try
            {
                await copy.CompleteAsync(cancellationToken);
            }
            catch
            {
                await copy.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// The repeated citizens of the file, over the rows copied and the keys kept: each repeat's line and the line of the
    /// citizen's first row, in line order.
    /// </summary>
    public async Task<List<(int Line, int FirstLine)>> RepeatsAsync(CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (Fresh is { } fresh)
        {
            parts.Add($"SELECT {StagingTable.LineColumn}, {StagingTable.PseudonymColumn} FROM {fresh}");
        }

        if (KeysOnly)
        {
            parts.Add($"SELECT {StagingTable.LineColumn}, {StagingTable.PseudonymColumn} FROM {StagingTable.KeysTable}");
        }

        var repeats = new List<(int, int)>();
        if (parts.Count == 0)
        {
            return repeats;
        }

        await using var command = MonthPartition.Command(
            $"""
            SELECT {StagingTable.LineColumn}, first_line
            FROM (SELECT {StagingTable.LineColumn}, row_number() OVER w AS n, first_value({StagingTable.LineColumn}) OVER w AS first_line
                  FROM ({string.Join(" UNION ALL ", parts)}) k WINDOW w AS (PARTITION BY {StagingTable.PseudonymColumn} ORDER BY {StagingTable.LineColumn})) r
            WHERE n > 1
            ORDER BY 1
            """,
            Connection,
            null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            repeats.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return repeats;
    }

    public async ValueTask DisposeAsync()
    {
        if (Copy is { } copy)
        {
            Copy = null;
            await copy.DisposeAsync();
        }
    }
}

/// <inheritdoc cref="IncomingMonth"/>
internal sealed class IncomingMonth<TRow>(NpgsqlConnection connection, StagingTable<TRow> staging, long fileId)
    : IncomingMonth(connection, staging, fileId)
    where TRow : class, IExtractRow
{
    /// <summary>One batch of checked rows, in file order.</summary>
    public async Task WriteAsync(List<StagedRow<TRow>> batch, CancellationToken cancellationToken)
    {
        var next = 0;
        while ((next = Write(batch, next)) < batch.Count)
        {
            await SwitchAsync(batch[next], cancellationToken);
        }
    }

    /// <summary>
    /// Writes rows from <paramref name="start"/> on while the COPY under way can take them; returns the index of the first
    /// row that needs another COPY (the first valid row, or the first refused one), or the batch's count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Write(List<StagedRow<TRow>> batch, int start)
    {
        var copy = Copy;
        for (var i = start; i < batch.Count; i++)
        {
            var row = batch[i];
            if (KeysOnly)
            {
                StagingTable.WriteKey(copy!, row.Line, row.Row?.Pseudonym ?? row.Pseudonym!);
            }
            else if (row.Row is { } valid && copy is not null)
            {
                staging.Write(copy, valid);
            }
            else
            {
                return i;
            }
        }

        return batch.Count;
    }

    private async Task SwitchAsync(StagedRow<TRow> row, CancellationToken cancellationToken)
    {
        if (row.Row is { } valid)
        {
            // The first valid row: it fixes the month of the new table.
            Month = valid.Month;
            Fresh = await MonthPartition.CreateAsync(Connection, staging, valid.Month, FileId, Connection.ProcessID, cancellationToken);
            Copy = await BeginAsync(staging.CopySql(Fresh), cancellationToken);
            return;
        }

        // The first refused row: the file is refused, only keys from here on.
        await CompleteAsync(cancellationToken);
        await using (var create = MonthPartition.Command(StagingTable.KeysCreateSql, Connection, null))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        KeysOnly = true;
        Copy = await BeginAsync(StagingTable.KeysCopySql, cancellationToken);
    }

    private Task<BinaryCopyWriter> BeginAsync(string sql, CancellationToken cancellationToken) =>
        BinaryCopyWriter.BeginAsync(Connection, sql, MonthPartition.CommandTimeout, cancellationToken);
}

/// <summary>A checked row on its way to the COPY: the valid row, or a refused row's line and pseudonym.</summary>
internal readonly record struct StagedRow<TRow>(TRow? Row, int Line, byte[]? Pseudonym)
    where TRow : class;
