using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Features.Extracts;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// The pseudonym reuses one keyed HMAC per thread; stored months were made with the one-shot HMAC, so the two must
/// agree for every row, or new imports would silently stop matching the months already stored.
/// </summary>
public sealed class CprPseudonymsTests
{
    // Synthetic test values, not real CPR numbers.
    private static readonly string[] Digits = ["0101700000", "3112991234", "1506450000", "0101700000"];

    private static CprPseudonyms With(string key) => new(Options.Create(new BifSofOptions { PseudonymKey = key }));

    private static byte[] OneShot(string key, string digits) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(digits));

    [Fact]
    public void For_GivesTheOneShotHmac_RowAfterRow()
    {
        const string key = "test-key-one-0123456789abcdef0123";
        var pseudonyms = With(key);

        foreach (var digits in Digits)
        {
            Assert.Equal(OneShot(key, digits), pseudonyms.For(digits));
        }
    }

    [Fact]
    public void For_KeepsEachInstancesOwnKey_WhenTwoInstancesTakeTurnsOnOneThread()
    {
        const string first = "test-key-one-0123456789abcdef0123";
        const string second = "test-key-two-0123456789abcdef0123";
        var a = With(first);
        var b = With(second);

        foreach (var digits in Digits)
        {
            Assert.Equal(OneShot(first, digits), a.For(digits));
            Assert.Equal(OneShot(second, digits), b.For(digits));
        }

        Assert.NotEqual(a.For(Digits[0]), b.For(Digits[0]));
    }

    [Fact]
    public async Task For_GivesTheSameAnswerOnEveryThread()
    {
        const string key = "test-key-one-0123456789abcdef0123";
        var pseudonyms = With(key);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => pseudonyms.For(Digits[i % Digits.Length]))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(OneShot(key, Digits[i % Digits.Length]), results[i]);
        }
    }
}
