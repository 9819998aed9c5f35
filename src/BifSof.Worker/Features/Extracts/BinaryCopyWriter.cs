using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
/// Format") into a raw COPY stream: each value encoded straight into one buffer, which goes to the socket when full.
/// Npgsql's <see cref="NpgsqlBinaryImporter"/> does the same through a converter and a parameter-like bind per value,
/// about a microsecond a value on the writing side of an import (a million rows of 14 columns); this writer knows the
/// few types an extract row has and nothing else. What it writes, PostgreSQL checks as it reads (a value the column
/// cannot hold fails the COPY, class 22, like before).
/// </summary>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private static readonly DateOnly PostgresEpoch = new(2000, 1, 1);

    /// <summary>The format's signature: <c>PGCOPY\n\377\r\n\0</c>.</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[1 << 17];
    private int _length;
    private bool _done;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        // The header: signature, flags (no OIDs), no extension.
        Signature.CopyTo(_buffer);
        _length = Signature.Length;
        WriteInt32(0);
        WriteInt32(0);
    }

    /// <summary>Starts <paramref name="copySql"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c>) on the connection.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken);
        if (stream.CanTimeout)
        {
            stream.WriteTimeout = stream.ReadTimeout = (int)timeout.TotalMilliseconds;
        }

        return new BinaryCopyWriter(stream);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length)
            {
                throw new InvalidOperationException($"A value of {bytes} bytes does not fit the COPY buffer.");
            }
        }

        var span = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return span;
    }

    /// <summary>Sends what is buffered. Synchronous: it blocks the writing side only, while PostgreSQL takes the rows.</summary>
    private void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);

    public void WriteNull() => WriteInt32(-1);

    public void Write(short value)
    {
        var span = Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    public void Write(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Write(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Write(bool value)
    {
        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A <c>date</c>: days since 2000-01-01.</summary>
    public void Write(DateOnly value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value.DayNumber - PostgresEpoch.DayNumber);
    }

    /// <summary>A <c>bytea</c>: the bytes as they are.</summary>
    public void Write(byte[] value)
    {
        var span = Reserve(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    /// <summary>A <c>text</c> or <c>character varying</c>: the UTF-8 bytes (the connection's encoding is UTF-8).</summary>
    public void Write(string value)
    {
        var span = Reserve(4 + Utf8.GetMaxByteCount(value.Length));
        var written = Utf8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        _length -= span.Length - 4 - written;
    }

    /// <summary>
    /// A <c>numeric</c>: base-10000 digits around the decimal point, with the value's own scale (12.50 stays 12.50).
    /// </summary>
    public void Write(decimal value)
    {
        var scale = value.Scale;
        var text = Math.Abs(value).ToString(CultureInfo.InvariantCulture); // digits, and a point when the scale is not 0
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        integer = integer.TrimStart('0');

        // Whole groups of four on both sides of the point.
        var integerGroups = (integer.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        var digits = integer.PadLeft(integerGroups * 4, '0') + fraction.PadRight(fractionGroups * 4, '0');
        var groups = new short[integerGroups + fractionGroups];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = short.Parse(digits.AsSpan(i * 4, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // No leading or trailing zero groups: the weight says where the first group stands.
        var first = 0;
        while (first < groups.Length && groups[first] == 0)
        {
            first++;
        }

        var last = groups.Length - 1;
        while (last >= first && groups[last] == 0)
        {
            last--;
        }

        var count = last - first + 1;
        var weight = count == 0 ? 0 : integerGroups - 1 - first;
        var span = Reserve(4 + 8 + (2 * count));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * count));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], value < 0 && count > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * i))..], groups[first + i]);
        }
    }

    /// <summary>
    /// Ends the COPY: the trailer, the rest of the buffer, and PostgreSQL's answer (where a bad value fails it). When
    /// sending fails, the COPY is still open and <see cref="DisposeAsync"/> cancels it.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
        _done = true;
        await _stream.DisposeAsync();
    }

    /// <summary>
    /// Cancels a COPY that was not completed, so the connection can go on (to roll back). What the server answers to the
    /// cancellation (its own error, if it had already failed the COPY) does not replace the exception that brought us
    /// here.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _done = true;
            try
            {
                await _stream.CancelAsync();
            }
            catch (NpgsqlException)
            {
            }
            finally
            {
                try
                {
                    await _stream.DisposeAsync();
                }
                catch (NpgsqlException)
                {
                }
            }
        }
    }
}
