using System.Text;

namespace BifSof.Worker.Common;

/// <summary>
/// HTML encoding of text for pages and e-mails. Only the five characters that mean something in HTML are
/// escaped; Danish letters stay letters (the output is UTF-8), unlike WebUtility.HtmlEncode's numeric entities.
/// </summary>
public static class Html
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
