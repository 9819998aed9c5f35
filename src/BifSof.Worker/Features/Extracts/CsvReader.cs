using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// A streaming RFC 4180 reader with <c>;</c> as separator: fields may be quoted with <c>"</c>, a quote inside quotes
/// is doubled, quoted fields may hold separators and line breaks; LF and CRLF both end a record. Each record carries
/// the line it starts on, so errors name the line a person sees in an editor. Blank lines are skipped. Broken quoting is
/// refused with its line and character, never repaired: text after a closing quote (<c>"a"b</c>), or a quote inside
/// a field that did not start with one (<c>ab"c</c>).
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    public const char Separator = ';';

    /// <summary>No field of an extract is near this long; a longer one means an unclosed quote, and memory must not grow with the file.</summary>
    public const int MaxFieldLength = 65_536;

    /// <summary>
    /// No record (line, with its quoted line breaks) of an extract is near this long: a longer one is refused as soon as
    /// its 1,048,577th character is read, so memory stays flat whatever one line holds.
    /// </summary>
    public const int MaxRecordLength = 1_048_576;

    /// <summary>
    /// The most fields a record keeps (the header's count, once the header is read). A record with more is read to its
    /// end without keeping the extra ones: <see cref="CsvRecord.FieldCount"/> says how many it had.
    /// </summary>
    public int MaxFields
    {
        get => _maxFields;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxFields = value;
        }
    }

    private int _maxFields = int.MaxValue;

    private int _line = 1;
    private int _column;

    // The reader's characters in blocks, and one builder for every field: a record allocates its field strings and
    // little else.
    private readonly char[] _buffer = new char[1 << 14];
    private int _position;
    private int _length;
    private readonly StringBuilder _field = new();

    // The characters that end a run of plain characters: everything else in an unquoted field is copied as a block.
    private static readonly SearchValues<char> Stops = SearchValues.Create(";\n\r\"");

    /// <summary>The next record, or null at the end. Throws <see cref="CsvFormatException"/> for an unterminated quote.</summary>
    // Every line of a file passes here: compiled fully optimised at once, not first as the quick tier-0 code a one-shot
    // import would otherwise spend much of its time in.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvRecord? Read()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string>(Math.Min(_lastFieldCount, MaxFields));
            var count = 0;
            var length = 0;
            var field = _field.Clear();
            var quoted = false;
            var closed = false;
            var fieldStarted = false;
            int c;
            while (true)
            {
                // Fast path: a run of plain characters of an unquoted field, copied as a block when it keeps within both
                // limits; the character that ends it (and any run that would pass a limit) goes the character-by-character
                // way below, so the refusals and their lines and columns are the same.
                if (!quoted && !closed && _position < _length)
                {
                    var rest = _buffer.AsSpan(_position, _length - _position);
                    var run = rest.IndexOfAny(Stops);
                    if (run < 0)
                    {
                        run = rest.Length;
                    }

                    if (run > 0 && length + run <= MaxRecordLength && field.Length + run <= MaxFieldLength)
                    {
                        if (count < MaxFields)
                        {
                            field.Append(rest[..run]);
                        }

                        _position += run;
                        length += run;
                        _column += run;
                        fieldStarted = true;
                        continue;
                    }
                }

                if ((c = Next(length)) < 0)
                {
                    break;
                }

                var ch = (char)c;
                _column++;
                if (++length > MaxRecordLength)
                {
                    throw new CsvFormatException(start, $"linjen er over {DanishFormat.Number(MaxRecordLength)} tegn lang: filen kan ikke være et udtræk");
                }

                if (field.Length > MaxFieldLength)
                {
                    throw new CsvFormatException(start, "et felt er over 65.536 tegn langt: der mangler sikkert et afsluttende anførselstegn");
                }

                var keep = count < MaxFields;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (Peek(length) == '"')
                        {
                            Next(length);
                            length++;
                            _column++;
                            if (keep)
                            {
                                field.Append('"');
                            }
                        }
                        else
                        {
                            quoted = false;
                            closed = true;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            _line++;
                            _column = 0;
                        }

                        if (keep)
                        {
                            field.Append(ch);
                        }
                    }

                    continue;
                }

                if (closed && ch is not (Separator or '\r' or '\n'))
                {
                    throw new CsvFormatException(_line, _column, $"tegn {_column}: efter et felt i anførselstegn skal der komme ; eller linjeskift (et \" i feltet skrives \"\")");
                }

                closed = false;
                if (ch == '"' && fieldStarted)
                {
                    throw new CsvFormatException(_line, _column, $"tegn {_column}: et \" midt i et felt uden anførselstegn (sæt feltet i anførselstegn og skriv \" som \"\")");
                }

                if (ch == '"')
                {
                    quoted = true;
                    fieldStarted = true;
                }
                else if (ch == Separator)
                {
                    if (keep)
                    {
                        fields.Add(field.ToString());
                    }

                    count++;
                    field.Clear();
                    fieldStarted = false;
                }
                else if (ch == '\r' && Peek(length) == '\n')
                {
                    // CRLF: the LF ends the record.
                }
                else if (ch == '\n')
                {
                    _line++;
                    _column = 0;
                    break;
                }
                else
                {
                    if (keep)
                    {
                        field.Append(ch);
                    }

                    fieldStarted = true;
                }
            }

            if (quoted)
            {
                throw new CsvFormatException(start, "et felt i anførselstegn lukkes aldrig (der mangler et \")");
            }

            if (c < 0 && count == 0 && field.Length == 0 && !fieldStarted)
            {
                return null;
            }

            if (count < MaxFields)
            {
                fields.Add(field.ToString());
            }

            count++;
            if (count == 1 && fields[0].Length == 0 && !fieldStarted)
            {
                continue;
            }

            _lastFieldCount = count;
            return new CsvRecord(start, fields) { FieldCount = count };
        }
    }

    private int _lastFieldCount = 16;

    // The block read never takes more than the record may still hold, so an overlong line is refused having read one
    // character past the limit, as a character-by-character reader would.
    private int Next(int length) => _position < _length || Fill(length) ? _buffer[_position++] : -1;

    private int Peek(int length) => _position < _length || Fill(length) ? _buffer[_position] : -1;

    private bool Fill(int length)
    {
        _length = reader.Read(_buffer, 0, Math.Clamp(MaxRecordLength + 1 - length, 1, _buffer.Length));
        _position = 0;
        return _length > 0;
    }
}
