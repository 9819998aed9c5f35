using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// How one source's rows travel from the file into their table, read from the EF model of that table, so its schema
/// is written once (the entity and its configuration): the temporary staging table, the binary COPY into it, and the
/// INSERT…SELECT that fills the month from it. The staging table has every column of the table but the reference to
/// the extract file (the import supplies it), and the masked CPR the duplicate report shows.
/// </summary>
internal abstract class StagingTable
{
    public const string Name = "staging_rows";

    /// <summary>The staging table's own column: the CPR as a report may show it.</summary>
    public const string MaskedColumn = "masked";

    /// <summary>The table's columns the duplicate check reads, also staged for rows that are refused.</summary>
    public const string LineColumn = "line";

    /// <inheritdoc cref="LineColumn"/>
    public const string PseudonymColumn = "pseudonym";

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
        Columns = [.. columns.Select(c => c.Name)];
        _names = string.Join(", ", Columns.Select(Quote));
        _fileColumn = fileColumn;
        CreateSql = $"CREATE TEMP TABLE {Name} ({MaskedColumn} text, {string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {c.StoreType}"))}) ON COMMIT DROP";
        CopySql = $"COPY {Name} ({MaskedColumn}, {_names}) FROM STDIN (FORMAT BINARY)";
        InsertSql = InsertInto(table);
    }

    private readonly string _names;
    private readonly string _fileColumn;

    /// <summary>The schema of <see cref="Table"/>, unquoted.</summary>
    public string Schema { get; }

    /// <summary>The name of <see cref="Table"/> without its schema, unquoted.</summary>
    public string TableName { get; }

    /// <summary>The table the rows go to, schema-qualified and quoted.</summary>
    public string Table { get; }

    /// <summary>The table's columns that are staged, in the order of the COPY after <see cref="MaskedColumn"/>.</summary>
    public IReadOnlyList<string> Columns { get; }

    public string CreateSql { get; }

    public string CopySql { get; }

    /// <summary>Copies every staged row into <see cref="Table"/>; the parameter <c>@file</c> is the extract file's id.</summary>
    public string InsertSql { get; }

    /// <summary>Copies every staged row into <paramref name="target"/> (quoted, with <see cref="Table"/>'s columns); <c>@file</c> is the extract file's id.</summary>
    public string InsertInto(string target) => $"INSERT INTO {target} ({Quote(_fileColumn)}, {_names}) SELECT @file, {_names} FROM {Name}";

    /// <summary>An identifier in double quotes.</summary>
    public static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    /// <summary>The staging of the rows of <typeparamref name="TRow"/>'s table in <paramref name="model"/>.</summary>
    public static StagingTable<TRow> For<TRow>(IModel model)
        where TRow : class
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

    /// <summary>A refused row still takes part in the duplicate check: its line, pseudonym and masked CPR; the rest null.</summary>
    public void WriteKeyOnly(NpgsqlBinaryImporter copy, int line, byte[] pseudonym, string masked)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow();
        copy.Write(masked);
        foreach (var column in Columns)
        {
            switch (column)
            {
                case LineColumn:
                    copy.Write(line);
                    break;
                case PseudonymColumn:
                    copy.Write(pseudonym);
                    break;
                default:
                    copy.WriteNull();
                    break;
            }
        }
    }

}

/// <inheritdoc cref="StagingTable"/>
/// <typeparam name="TRow">The entity of the table, which is also what the source's reader makes of a valid row.</typeparam>
internal sealed class StagingTable<TRow> : StagingTable
    where TRow : class
{
    private readonly Action<NpgsqlBinaryImporter, TRow>[] _writers;

    internal StagingTable(string schema, string tableName, string fileColumn, IReadOnlyList<(string Name, string StoreType)> columns, IReadOnlyList<PropertyInfo> properties)
        : base(schema, tableName, fileColumn, columns)
    {
        _writers = [.. properties.Select(Writer)];
    }

    /// <summary>
    /// One valid row: its masked CPR, then each staged column from the property it maps to. Synchronous: the importer
    /// buffers the values and only writes to the socket when its buffer is full, so an await per value was pure overhead
    /// (a state machine per field, on the copying side of every import).
    /// </summary>
    public void Write(NpgsqlBinaryImporter copy, TRow row, string masked)
    {
        ArgumentNullException.ThrowIfNull(copy);
        copy.StartRow();
        copy.Write(masked);
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
