using System.Text;

namespace BifSof.Worker.Fuzz;

/// <summary>Seeded mutations of an extract's bytes: what a broken export, a bad edit or a bad transfer does to a file.</summary>
internal static class Mutations
{
    private static readonly byte[][] Inserts =
    [
        "\""u8.ToArray(), ";"u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\r\n"u8.ToArray(), [0], [0xFF], [0xC3], [0xE6],
        "æøå"u8.ToArray(), ","u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "\"\""u8.ToArray(), "9999-12-31"u8.ToArray(),
        "0101001234"u8.ToArray(), "-1"u8.ToArray(), "NaN"u8.ToArray(), "ja;nej"u8.ToArray(), [0xEF, 0xBB, 0xBF],
    ];

    private static readonly string[] FieldValues =
    [
        "", " ", "9999-12-31", "0000-00-00", "2010-02-30", "31-12-2010", "-1", "2147483648", "1e309", "NaN", "ja", "nej",
        "\"quoted\"", "\"open", "a\"b", "010203-4", "0102034567", "01020345678", "<script>", "=cmd|' /C calc'!A0",
    ];

    public static byte[] Apply(byte[] bytes, Random random, List<string> applied)
    {
        if (bytes.Length == 0)
        {
            applied.Add("empty");
            return bytes;
        }

        switch (random.Next(12))
        {
            case 0:
            {
                var copy = (byte[])bytes.Clone();
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
                applied.Add("flip byte");
                return copy;
            }

            case 1:
            {
                var at = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 40), bytes.Length - at);
                applied.Add("delete bytes");
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + length)];
            }

            case 2:
            {
                var at = random.Next(bytes.Length + 1);
                var insert = Inserts[random.Next(Inserts.Length)];
                applied.Add("insert bytes");
                return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at)];
            }

            case 3:
                applied.Add("truncate");
                return bytes[..random.Next(bytes.Length)];
            default:
                return MutateLines(bytes, random, applied);
        }
    }

    private static byte[] MutateLines(byte[] bytes, Random random, List<string> applied)
    {
        // Latin-1 maps every byte to one char and back, so a Windows-1252 file survives unchanged outside the edit.
        var encoding = Encoding.Latin1;
        var lines = encoding.GetString(bytes).Split('\n').ToList();
        if (lines.Count < 2)
        {
            applied.Add("no lines");
            return bytes;
        }

        var index = random.Next(lines.Count);
        var dataIndex = lines.Count > 2 ? random.Next(1, lines.Count - 1) : index;
        switch (random.Next(8))
        {
            case 0:
                lines.Insert(dataIndex, lines[dataIndex]);
                applied.Add("duplicate line");
                break;
            case 1:
                lines.RemoveAt(index);
                applied.Add("delete line");
                break;
            case 2:
                (lines[0], lines[dataIndex]) = (lines[dataIndex], lines[0]);
                applied.Add("swap header");
                break;
            case 3:
                lines[dataIndex] = lines[dataIndex].TrimEnd('\r') + ";x";
                applied.Add("extra field");
                break;
            case 4:
            {
                var line = lines[dataIndex];
                var at = line.IndexOf(';', StringComparison.Ordinal);
                lines[dataIndex] = at < 0 ? line : line.Remove(at, 1);
                applied.Add("missing field");
                break;
            }

            case 5:
            {
                var fields = lines[dataIndex].TrimEnd('\r').Split(';');
                fields[random.Next(fields.Length)] = FieldValues[random.Next(FieldValues.Length)];
                lines[dataIndex] = string.Join(';', fields);
                applied.Add("bad value");
                break;
            }

            case 6:
            {
                var fields = lines[dataIndex].TrimEnd('\r').Split(';');
                fields[random.Next(fields.Length)] = new string('x', random.Next(2) == 0 ? 70_000 : 1_000);
                lines[dataIndex] = string.Join(';', fields);
                applied.Add("long value");
                break;
            }

            default:
            {
                var fields = lines[0].TrimEnd('\r').Split(';');
                fields[random.Next(fields.Length)] = FieldValues[random.Next(FieldValues.Length)];
                lines[0] = string.Join(';', fields);
                applied.Add("bad header");
                break;
            }
        }

        return encoding.GetBytes(string.Join('\n', lines));
    }
}
