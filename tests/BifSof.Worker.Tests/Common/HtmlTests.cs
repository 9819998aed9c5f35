using BifSof.Worker.Common;

namespace BifSof.Worker.Tests.Common;

public class HtmlTests
{
    [Fact]
    public void Encode_EscapesTheFiveSpecialCharacters() =>
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Ærø &amp; co&lt;/a&gt;", Html.Encode("<a href=\"x\" title='y'>Ærø & co</a>"));

    [Fact]
    public void Encode_LeavesDanishLettersAsLetters() => Assert.Equal("Grøn linie på Amager", Html.Encode("Grøn linie på Amager"));

    [Fact]
    public void Encode_TurnsNullIntoEmpty() => Assert.Equal(string.Empty, Html.Encode(null));
}
