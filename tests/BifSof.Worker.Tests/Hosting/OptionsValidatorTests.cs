using BifSof.Worker.Common;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting;

namespace BifSof.Worker.Tests.Hosting;

public class OptionsValidatorTests
{
    private static SmtpOptions GoodSmtp() => new() { Host = "smtp.kk.dk", Port = 587, From = "BifSofWorker <bifsof@kk.dk>" };

    [Fact]
    public void SmtpValidator_Accepts_AGoodConfiguration() =>
        Assert.True(new SmtpOptionsValidator().Validate(null, GoodSmtp()).Succeeded);

    [Theory]
    [InlineData(null, 25, "bifsof@kk.dk", "Smtp__Host")]
    [InlineData("smtp kk dk", 25, "bifsof@kk.dk", "Smtp__Host")]
    [InlineData("smtp.kk.dk", 0, "bifsof@kk.dk", "Smtp__Port")]
    [InlineData("smtp.kk.dk", 70000, "bifsof@kk.dk", "Smtp__Port")]
    [InlineData("smtp.kk.dk", 25, null, "Smtp__From")]
    [InlineData("smtp.kk.dk", 25, "not an address", "Smtp__From")]
    public void SmtpValidator_NamesTheSetting_WhenItIsWrong(string? host, int port, string? from, string setting)
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = host, Port = port, From = from });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void SmtpValidator_AsksForAPassword_WhenAUserIsSet()
    {
        var options = GoodSmtp();
        options.User = "bifsof";
        Assert.Contains(new SmtpOptionsValidator().Validate(null, options).Failures!, f => f.Contains("Smtp__Password", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("too-short", "too short")]
    public void BifSofValidator_RefusesAMissingOrShortPseudonymKey(string? key, string expected)
    {
        var options = new BifSofOptions { PseudonymKey = key };
        var result = new BifSofOptionsValidator().Validate(null, options);
        Assert.Contains(result.Failures!, f => f.Contains("BifSof__PseudonymKey", StringComparison.Ordinal) && f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void BifSofValidator_NamesTheFolder_WhenTemplatesAreMissing()
    {
        var options = new BifSofOptions { PseudonymKey = new string('k', 40), TemplatesPath = "/nowhere/templates" };
        Assert.Contains(new BifSofOptionsValidator().Validate(null, options).Failures!, f => f.Contains("BifSof__TemplatesPath", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("Host=db;Bogus Keyword=1", "not a valid connection string")]
    [InlineData("Database=bifsof", "no Host")]
    [InlineData("Host=db", "no Database")]
    public void DatabaseValidator_NamesTheConnectionString_WhenItIsWrong(string? connectionString, string expected)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = connectionString });
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("ConnectionStrings__BifSof", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabaseValidator_NeverEchoesThePassword()
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = "Host=db;Password=hemmelig;Bogus=1" });
        Assert.DoesNotContain("hemmelig", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void DashboardValidator_RefusesSessionLengthsOutsideOneToTwentyFourHours(int hours) =>
        Assert.Contains("Dashboard__SessionHours", Assert.Single(new DashboardOptionsValidator().Validate(null, new DashboardOptions { SessionHours = hours }).Failures!), StringComparison.Ordinal);
}
