using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BifSof.Worker.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace BifSof.Worker.Tests.Features.Accounts;

public class DashboardPasswordHasherTests
{
    private static readonly DashboardUser User = new() { UserName = "someone", Role = DashboardRoles.Viewer, PasswordHash = string.Empty };

    private readonly DashboardPasswordHasher _hasher = new();

    /// <summary>A hash as the worker wrote them before Identity: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>.</summary>
    internal static string LegacyHash(string password, int iterations = 210_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    [Fact]
    public void VerifyHashedPassword_Succeeds_ForThePasswordThatWasHashed()
    {
        var hash = _hasher.HashPassword(User, "korrekt hest batteri hæfteklamme");
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(User, hash, "korrekt hest batteri hæfteklamme"));
    }

    [Fact]
    public void VerifyHashedPassword_Fails_ForAnotherPassword()
    {
        var hash = _hasher.HashPassword(User, "first-password-123");
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(User, hash, "first-password-124"));
    }

    [Fact]
    public void HashPassword_SaltsEachHash_SoEqualPasswordsDiffer() =>
        Assert.NotEqual(_hasher.HashPassword(User, "same-password-123"), _hasher.HashPassword(User, "same-password-123"));

    [Fact]
    public void HashPassword_WritesIdentitysVersion3Format_NotTheLegacyOne()
    {
        var hash = _hasher.HashPassword(User, "same-password-123");
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]);
    }

    [Fact]
    public void VerifyHashedPassword_AsksForARehash_WhenALegacyHashMatches() =>
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, _hasher.VerifyHashedPassword(User, LegacyHash("old-password-123"), "old-password-123"));

    [Fact]
    public void VerifyHashedPassword_Fails_WhenALegacyHashDoesNotMatch() =>
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(User, LegacyHash("old-password-123"), "old-password-124"));

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$210000$not*base64$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$$")]
    [InlineData("AQAAAAIAAYagAAAAE")]
    [InlineData("AQAAAAIAAYag####")]
    public void VerifyHashedPassword_FailsWithoutThrowing_WhenTheStoredValueIsCorrupt(string stored) =>
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(User, stored, "plain-text-password"));

    [Fact]
    public void VerifyHashedPassword_FailsAtOnce_WhenACorruptHashAsksForBillionsOfIterations()
    {
        var bytes = Convert.FromBase64String(_hasher.HashPassword(User, "same-password-123"));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), 2_000_000_000);
        var started = TimeProvider.System.GetTimestamp();

        var result = _hasher.VerifyHashedPassword(User, Convert.ToBase64String(bytes), "same-password-123");

        Assert.Equal(PasswordVerificationResult.Failed, result);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("a", "admin", "long-enough-password", "user name")]
    [InlineData("ok-name", "root", "long-enough-password", "role")]
    [InlineData("ok-name", "viewer", "short", "at least 12")]
    [InlineData("navn med mellemrum", "viewer", "long-enough-password", "user name")]
    public void Check_NamesTheProblem_WhenInputIsBad(string name, string role, string password, string expected) =>
        Assert.Contains(expected, AccountService.Check(name, role, password), StringComparison.Ordinal);

    [Fact]
    public void Check_AcceptsAGoodAccount() =>
        Assert.Null(AccountService.Check("special.unit", "viewer", "long-enough-password"));
}
