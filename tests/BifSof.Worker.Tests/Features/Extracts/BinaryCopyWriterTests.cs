using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;
using Npgsql;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// The import's own binary COPY encoder against the real PostgreSQL: every value it writes must be stored as the same
/// literal's text would be, for each type it knows, across signs, scales, weights and the date epoch.
/// </summary>
public sealed class BinaryCopyWriterTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    public static TheoryData<string> Numbers => new()
    {
        "0", "0.00", "1", "-1", "0.5", "-0.5", "0.0001", "0.00010", "12.50", "37", "9999", "10000", "10000.0001", "-10000.0001",
        "123456789.123456789", "-987654321987654321", "79228162514264337593543950335", "0.0000000000000000000000000001",
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task Write_StoresADecimal_AsPostgresReadsItsText(string literal)
    {
        var value = decimal.Parse(literal, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("t", await RoundTripAsync("numeric", w => w.Write(value), $"'{literal}'::numeric"));
    }

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("1900-03-01")]
    [InlineData("0001-01-01")]
    [InlineData("2010-03-03")]
    [InlineData("9999-12-31")]
    public async Task Write_StoresADate_OnEitherSideOfPostgresEpoch(string literal)
    {
        var value = DateOnly.ParseExact(literal, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("t", await RoundTripAsync("date", w => w.Write(value), $"DATE '{literal}'"));
    }

    [Fact]
    public async Task Write_StoresEveryOtherType_AndNull()
    {
        Assert.Equal("t", await RoundTripAsync("text", w => w.Write("Æblegrød – “citat” 😀"), "'Æblegrød – “citat” 😀'"));
        Assert.Equal("t", await RoundTripAsync("text", w => w.Write(string.Empty), "''"));
        Assert.Equal("t", await RoundTripAsync("bytea", w => w.Write(new byte[] { 0, 1, 255, 92 }), "'\\x0001ff5c'::bytea"));
        Assert.Equal("t", await RoundTripAsync("smallint", w => w.Write((short)-32768), "(-32768)::smallint"));
        Assert.Equal("t", await RoundTripAsync("integer", w => w.Write(int.MaxValue), "2147483647"));
        Assert.Equal("t", await RoundTripAsync("bigint", w => w.Write(long.MinValue), "-9223372036854775808"));
        Assert.Equal("t", await RoundTripAsync("boolean", w => w.Write(true), "true"));
        Assert.Equal("t", await RoundTripAsync("boolean", w => w.Write(false), "false"));
        Assert.Equal("t", await RoundTripAsync("date", w => w.WriteNull(), null));
    }

    [Fact]
    public async Task Write_FillsTheBufferManyTimesOver_AndLosesNoRow()
    {
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE many (n integer, t text) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY many (n, t) FROM STDIN (FORMAT BINARY)", TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            for (var i = 0; i < 50_000; i++)
            {
                copy.StartRow(2);
                copy.Write(i);
                copy.Write(new string('x', i % 97) + "ø");
            }

            await copy.CompleteAsync(CancellationToken.None);
        }

        await using var check = new NpgsqlCommand("SELECT count(*) || '|' || sum(n) || '|' || sum(length(t)) FROM many", connection, transaction);
        var expectedLength = Enumerable.Range(0, 50_000).Sum(i => (long)(i % 97) + 1);
        Assert.Equal($"50000|{49_999L * 50_000 / 2}|{expectedLength}", await check.ExecuteScalarAsync());
    }

    /// <summary>
    /// A value the column cannot hold fails the COPY with PostgreSQL's class-22 error (which the importer turns into a
    /// refusal), and the connection can still roll back and go on.
    /// </summary>
    [Fact]
    public async Task CompleteAsync_ThrowsTheDataError_AndLeavesTheConnectionUsable_WhenAValueDoesNotFitItsColumn()
    {
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE narrow (v numeric(5,2)) ON COMMIT DROP", connection, transaction))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY narrow (v) FROM STDIN (FORMAT BINARY)", TimeSpan.FromMinutes(1), CancellationToken.None);
            copy.StartRow(1);
            copy.Write(1000m);
            var error = await Assert.ThrowsAsync<PostgresException>(() => copy.CompleteAsync(CancellationToken.None));
            Assert.StartsWith("22", error.SqlState, StringComparison.Ordinal);
            await transaction.RollbackAsync();
        }

        await using var check = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await check.ExecuteScalarAsync());
    }

    /// <summary>A COPY given up half-way (an error on the reading side) is cancelled, and the connection goes on.</summary>
    [Fact]
    public async Task DisposeAsync_CancelsAnUnfinishedCopy_AndLeavesTheConnectionUsable()
    {
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE halfway (v integer) ON COMMIT DROP", connection, transaction))
            {
                await create.ExecuteNonQueryAsync();
            }

            var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY halfway (v) FROM STDIN (FORMAT BINARY)", TimeSpan.FromMinutes(1), CancellationToken.None);
            for (var i = 0; i < 40_000; i++)
            {
                copy.StartRow(1);
                copy.Write(i);
            }

            await copy.DisposeAsync();
            await transaction.RollbackAsync();
        }

        await using var check = new NpgsqlCommand("SELECT to_regclass('pg_temp.halfway') IS NULL", connection);
        Assert.Equal(true, await check.ExecuteScalarAsync());
    }

    private async Task<string> RoundTripAsync(string type, Action<BinaryCopyWriter> write, string? literal)
    {
        await using var connection = new NpgsqlConnection(worker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE one (v {type}) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY one (v) FROM STDIN (FORMAT BINARY)", TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            copy.StartRow(1);
            write(copy);
            await copy.CompleteAsync(CancellationToken.None);
        }

        // Equal as values, and as text (numeric keeps its scale: 0.00010 is not 0.0001 as text).
        var compare = literal is null ? "v IS NULL" : $"v = {literal} AND v::text = ({literal})::text";
        await using var check = new NpgsqlCommand($"SELECT CASE WHEN {compare} THEN 't' ELSE 'f: ' || coalesce(v::text, 'null') END FROM one", connection, transaction);
        return (string)(await check.ExecuteScalarAsync())!;
    }
}
