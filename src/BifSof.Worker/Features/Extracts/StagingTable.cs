using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// How one source's rows travel from the file into their table, read from the EF model of that table, so its schema
/// is written once (the entity and its configuration): the binary COPY of a valid row straight into the table that
/// becomes the month's partition (<see cref="IncomingMonth{TRow}"/>), every column of the table but the reference to the
/// extract file (the new table's default supplies it), and the keys of a refused file's rows for its duplicate report.
/// </summary>
internal abstract class StagingTable
{
    /// <summary>The temporary table of a refused file's keys: the lines and pseudonyms its duplicate report reads.</summary>
    public const string KeysTable = "refused_keys";

    /// <summary>The table's columns the duplicate check reads, also kept for rows that are refused.</summary>
    public const string LineColumn = "line";

    /// <inheritdoc cref="LineColumn"/>
    public const string PseudonymColumn = "pseudonym";

    public const string KeysCreateSql = $"CREATE TEMP TABLE {KeysTable} ({LineColumn} integer, {PseudonymColumn} bytea) ON COMMIT DROP";

    public const string KeysCopySql = $"COPY {KeysTable} ({LineColumn}, {PseudonymColumn}) FROM STDIN (FORMAT BINARY)";

    private protected StagingTable(string schema, string tableName, string fileColumn, IReadOnlyList<(string Name, string StoreType)> columns)
    {
        var table = $"{Quote(schema)}.{Quote(tableName)}";
        if (!columns.Any(c => c.Name == LineColumn) || !columns.Any(c => c.Name == PseudonymColumn))
        {
            throw new InvalidOperationException($"{table} has no {LineColumn} or {PseudonymColumn} column for the duplicate check.");
        }

        Schema = schema;
        TableName = tableName;
        Table = table;
        FileColumn = fileColumn;
        Columns = [.. columns.Select(c => c.Name)];
        StoreTypes = [.. columns.Select(c => c.StoreType)];
        _names = string.Join(", ", Columns.Select(Quote));
    }

    private readonly string _names;

    /// <summary>The schema of <see cref="Table"/>, unquoted.</summary>
    public string Schema { get; }

    /// <summary>The name of <see cref="Table"/> without its schema, unquoted.</summary>
    public string TableName { get; }

    /// <summary>The table the rows go to, schema-qualified and quoted.</summary>
    public string Table { get; }

    /// <summary>The column that refers to the extract file, unquoted: not in the COPY, the new table's default fills it.</summary>
    public string FileColumn { get; }

    /// <summary>The table's columns that are copied, in the order of the COPY.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The store type EF gives each of <see cref="Columns"/>, in the same order: what the encoder writes.</summary>
    public IReadOnlyList<string> StoreTypes { get; }

    /// <summary>The binary COPY of <see cref="Columns"/> into <paramref name="target"/> (quoted, with <see cref="Table"/>'s columns).</summary>
    public string CopySql(string target) => $"COPY {target} ({_names}) FROM STDIN (FORMAT BINARY)";

    /// <summary>An identifier in double quotes.</summary>
    public static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    /// <summary>The staging of the rows of <typeparamref name="TRow"/>'s table in <paramref name="model"/>.</summary>
    public static StagingTable<TRow> For<TRow>(IModel model)
        where TRow : class, IExtractRow
    {
        ArgumentNullException.ThrowIfNull(model);
        var entity = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        var mapping = entity.GetTableMappings().Single();
        var file = entity.GetForeignKeys().Single(k => k.PrincipalEntityType.ClrType == typeof(ExtractFile)).Properties.Single().Name;
        var columns = mapping.ColumnMappings.Where(c => c.Property.Name != file).ToList();
        return new StagingTable<TRow>(
            mapping.Table.Schema!,
            mapping.Table.Name,
            mapping.ColumnMappings.Single(c => c.Property.Name == file).Column.Name,
            [.. columns.Select(c => (c.Column.Name, c.Column.StoreType))],
            [.. columns.Select(c => c.Property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(TRow).Name}.{c.Property.Name} is not a CLR property."))]);
    }

    /// <summary>One row's key into <see cref="KeysTable"/>: its line and pseudonym.</summary>
    public static void WriteKey(BinaryCopyWriter copy, int line, byte[] pseudonym)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow(2);
        copy.Write(line);
        copy.Write(pseudonym);
    }
}

/// <inheritdoc cref="StagingTable"/>
/// <typeparam name="TRow">The entity of the table, which is also what the source's reader makes of a valid row.</typeparam>
internal sealed class StagingTable<TRow> : StagingTable
    where TRow : class, IExtractRow
{
    private readonly Action<BinaryCopyWriter, TRow>[] _writers;

    internal StagingTable(string schema, string tableName, string fileColumn, IReadOnlyList<(string Name, string StoreType)> columns, IReadOnlyList<PropertyInfo> properties)
        : base(schema, tableName, fileColumn, columns)
    {
        _writers = [.. properties.Select(Writer)];
    }

    /// <summary>
    /// One valid row: each copied column from the property it maps to, encoded by its CLR type — the type EF derived the
    /// column's store type from.
    /// </summary>
    public void Write(BinaryCopyWriter copy, TRow row)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow((short)_writers.Length);
        foreach (var write in _writers)
        {
            write(copy, row);
        }
    }

    private static Action<BinaryCopyWriter, TRow> Writer(PropertyInfo property)
    {
        var type = property.PropertyType;
        return type switch
        {
            _ when type == typeof(short) => Value<short>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(short?) => Nullable<short>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(int) => Value<int>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(int?) => Nullable<int>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(long) => Value<long>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(long?) => Nullable<long>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(bool) => Value<bool>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(bool?) => Nullable<bool>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(DateOnly) => Value<DateOnly>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(DateOnly?) => Nullable<DateOnly>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(decimal) => Value<decimal>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(decimal?) => Nullable<decimal>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(string) => Reference<string>(property, static (w, v) => w.Write(v)),
            _ when type == typeof(byte[]) => Reference<byte[]>(property, static (w, v) => w.Write(v)),
            _ => throw new InvalidOperationException($"{typeof(TRow).Name}.{property.Name}: no binary COPY encoding for {type.Name}."),
        };
    }

    private static Action<BinaryCopyWriter, TRow> Value<T>(PropertyInfo property, Action<BinaryCopyWriter, T> write)
        where T : struct
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T>>();
        return (copy, row) => write(copy, get(row));
    }

    private static Action<BinaryCopyWriter, TRow> Nullable<T>(PropertyInfo property, Action<BinaryCopyWriter, T> write)
        where T : struct
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T?>>();
        return (copy, row) =>
        {
            if (get(row) is { } value)
            {
                write(copy, value);
            }
            else
            {
                copy.WriteNull();
            }
        };
    }

    private static Action<BinaryCopyWriter, TRow> Reference<T>(PropertyInfo property, Action<BinaryCopyWriter, T> write)
        where T : class
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T?>>();
        return (copy, row) =>
        {
            if (get(row) is { } value)
            {
                write(copy, value);
            }
            else
            {
                copy.WriteNull();
            }
        };
    }
}
