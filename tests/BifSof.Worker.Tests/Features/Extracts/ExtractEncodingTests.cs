using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Features.Extracts;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Extracts;

public class ExtractEncodingTests
{
    private const string Text = "center\nSocialcenter Østerbro; Rådgivningscenter København; Ærø\n";

    private static async Task<(string Name, byte[] Hash, string Decoded)> DetectAsync(byte[] bytes)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sof_2010-03.csv");
        await File.WriteAllBytesAsync(path, bytes);
        var (encoding, name, hash) = await ExtractEncoding.DetectAsync(path, CancellationToken.None);
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: false);
        return (name, hash, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task DetectAsync_ReadsUtf8WithBom()
    {
        var (name, _, decoded) = await DetectAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)]);
        Assert.Equal(("utf-8-bom", Text), (name, decoded));
    }

    [Fact]
    public async Task DetectAsync_ReadsUtf8WithoutBom()
    {
        var (name, _, decoded) = await DetectAsync(Encoding.UTF8.GetBytes(Text));
        Assert.Equal(("utf-8", Text), (name, decoded));
    }

    [Fact]
    public async Task DetectAsync_ReadsWindows1252_WhenTheBytesAreNotUtf8()
    {
        var (name, _, decoded) = await DetectAsync(ExtractEncoding.Windows1252.GetBytes(Text));
        Assert.Equal(("windows-1252", Text), (name, decoded));
    }

    [Fact]
    public async Task DetectAsync_FindsNonUtf8BytesFarIntoALargeFile()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 300_000) + "\n").Concat(ExtractEncoding.Windows1252.GetBytes("Ø\n")).ToArray();
        Assert.Equal("windows-1252", (await DetectAsync(bytes)).Name);
    }

    [Fact]
    public async Task DetectAsync_HashesTheWholeFile()
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        Assert.Equal(SHA256.HashData(bytes), (await DetectAsync(bytes)).Hash);
    }
}
