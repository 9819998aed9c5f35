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
    public static void WriteKey(NpgsqlBinaryImporter copy, int line, byte[] pseudonym)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow();
        copy.Write(line);
        copy.Write(pseudonym);
    }
}

/// <inheritdoc cref="StagingTable"/>
/// <typeparam name="TRow">The entity of the table, which is also what the source's reader makes of a valid row.</typeparam>
internal sealed class StagingTable<TRow> : StagingTable
    where TRow : class, IExtractRow
{
    private readonly Action<NpgsqlBinaryImporter, TRow>[] _writers;

    internal StagingTable(string schema, string tableName, string fileColumn, IReadOnlyList<(string Name, string StoreType)> columns, IReadOnlyList<PropertyInfo> properties)
        : base(schema, tableName, fileColumn, columns)
    {
        _writers = [.. properties.Select(Writer)];
    }

    /// <summary>
    /// One valid row: each copied column from the property it maps to. Synchronous: the importer buffers the values and
    /// only writes to the socket when its buffer is full, so an await per value was pure overhead (a state machine per
    /// field, on the copying side of every import).
    /// </summary>
    public void Write(NpgsqlBinaryImporter copy, TRow row)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow();
        foreach (var write in _writers)
        {
            write(copy, row);
        }
    }

    // Npgsql picks the binary form from the CLR type, the same type EF derived the column's store type from.
    private static Action<NpgsqlBinaryImporter, TRow> Writer(PropertyInfo property)
    {
        var (factory, type) = Nullable.GetUnderlyingType(property.PropertyType) is { } underlying
            ? (nameof(NullableWriter), underlying)
            : (property.PropertyType.IsValueType ? nameof(ValueWriter) : nameof(ReferenceWriter), property.PropertyType);
        var method = typeof(StagingTable<TRow>).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return (Action<NpgsqlBinaryImporter, TRow>)method.Invoke(null, [property])!;
    }

    private static Action<NpgsqlBinaryImporter, TRow> ValueWriter<T>(PropertyInfo property)
        where T : struct
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T>>();
        return (copy, row) => copy.Write(get(row));
    }

    private static Action<NpgsqlBinaryImporter, TRow> NullableWriter<T>(PropertyInfo property)
        where T : struct
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T?>>();
        return (copy, row) =>
        {
            if (get(row) is { } value)
            {
                copy.Write(value);
            }
            else
            {
                copy.WriteNull();
            }
        };
    }

    private static Action<NpgsqlBinaryImporter, TRow> ReferenceWriter<T>(PropertyInfo property)
        where T : class
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T?>>();
        return (copy, row) =>
        {
            if (get(row) is { } value)
            {
                copy.Write(value);
            }
            else
            {
                copy.WriteNull();
            }
        };
    }
}
