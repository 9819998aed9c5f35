using BifSof.Worker.Features.Accounts;

namespace BifSof.Worker.Tests.Features.Accounts;

public class PasswordHasherTests
{
    [Fact]
    public void Verify_AcceptsThePassword_ThatWasHashed()
    {
        var hash = PasswordHasher.Hash("korrekt hest batteri hæfteklamme");
        Assert.True(PasswordHasher.Verify("korrekt hest batteri hæfteklamme", hash));
    }

    [Fact]
    public void Verify_RejectsAnotherPassword()
    {
        var hash = PasswordHasher.Hash("first-password-123");
        Assert.False(PasswordHasher.Verify("first-password-124", hash));
    }

    [Fact]
    public void Hash_SaltsEachHash_SoEqualPasswordsDiffer()
    {
        Assert.NotEqual(PasswordHasher.Hash("same-password-123"), PasswordHasher.Hash("same-password-123"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("md5$1$abc$def")]
    public void Verify_RejectsStoredValues_ThatAreNotItsFormat(string stored) =>
        Assert.False(PasswordHasher.Verify("plain-text-password", stored));

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
