using System.Text;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// A streaming RFC 4180 reader with <c>;</c> as separator: fields may be quoted with <c>"</c>, a quote inside quotes
/// is doubled, quoted fields may hold separators and line breaks; LF and CRLF both end a record. Each record carries
/// the line it starts on, so errors name the line a person sees in an editor. Blank lines are skipped.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    public const char Separator = ';';

    /// <summary>No field of an extract is near this long; a longer one means an unclosed quote, and memory must not grow with the file.</summary>
    public const int MaxFieldLength = 65_536;

    private int _line = 1;

    /// <summary>The next record, or null at the end. Throws <see cref="CsvFormatException"/> for an unterminated quote.</summary>
    public CsvRecord? Read()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var fieldStarted = false;
            int c;
            while ((c = reader.Read()) >= 0)
            {
                var ch = (char)c;
                if (field.Length > MaxFieldLength)
                {
                    throw new CsvFormatException(start, "et felt er over 65.536 tegn langt: der mangler sikkert et afsluttende anførselstegn");
                }

                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            _line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && !fieldStarted)
                {
                    quoted = true;
                    fieldStarted = true;
                }
                else if (ch == Separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                }
                else if (ch == '\r' && reader.Peek() == '\n')
                {
                    // CRLF: the LF ends the record.
                }
                else if (ch == '\n')
                {
                    _line++;
                    break;
                }
                else
                {
                    field.Append(ch);
                    fieldStarted = true;
                }
            }

            if (quoted)
            {
                throw new CsvFormatException(start, "et felt i anførselstegn lukkes aldrig (der mangler et \")");
            }

            if (c < 0 && fields.Count == 0 && field.Length == 0 && !fieldStarted)
            {
                return null;
            }

            fields.Add(field.ToString());
            if (fields.Count == 1 && fields[0].Length == 0 && !fieldStarted)
            {
                continue;
            }

            return new CsvRecord(start, fields);
        }
    }
}
