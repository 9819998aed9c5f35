using BifSof.Worker.Common;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>What a production start refuses: placeholder keys, plain http, cookies without Secure, and a key other than the pseudonyms' own.</summary>
public class ProductionHardeningTests
{
    private const string GoodKey = "q7Rz1vK9pX2mL8sT4wY6bN3cF5hJ0dGe";

    private static HostingEnvironment In(string environment) => new() { EnvironmentName = environment };

    private static BifSofOptions Options(string key, string url = "https://bifsof.kk.dk") => new()
    {
        PseudonymKey = key,
        PublicBaseUrl = url,
        TemplatesPath = Repository.Templates,
        CatalogueFile = Repository.Catalogue,
    };

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "BifSof__PseudonymKey")]
    [InlineData("changeme-changeme-changeme-changeme", "BifSof__PseudonymKey")]
    [InlineData("0123456789012345678901234567890123", "BifSof__PseudonymKey")]
    public void BifSofValidator_RefusesAPlaceholderKey_InProduction(string key, string setting)
    {
        var result = new BifSofOptionsValidator(In(Environments.Production)).Validate(null, Options(key));
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(setting, StringComparison.Ordinal) && f.Contains("Production", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("3f9c0a7e51d24b86e0c9a1f7d3b25e48")] // as 'openssl rand -hex 16' gives it: 14 different characters
    [InlineData("a1b2a1b2c3d4c3d4e5f6e5f6a7b8a7b8")] // few different characters, but no short run repeated
    public void BifSofValidator_AcceptsARandomHexKey_InProduction(string key) =>
        Assert.DoesNotContain(
            new BifSofOptionsValidator(In(Environments.Production)).Validate(null, Options(key)).Failures ?? [],
            f => f.Contains("BifSof__PseudonymKey", StringComparison.Ordinal));

    [Fact]
    public void BifSofValidator_RefusesAnHttpBaseUrl_InProduction()
    {
        var result = new BifSofOptionsValidator(In(Environments.Production)).Validate(null, Options(GoodKey, "http://bifsof.kk.dk"));
        Assert.Contains(result.Failures!, f => f.Contains("BifSof__PublicBaseUrl", StringComparison.Ordinal) && f.Contains("https", StringComparison.Ordinal));
    }

    [Fact]
    public void BifSofValidator_AcceptsAStrongKeyAndHttps_InProduction_AndPlaceholdersInDevelopment()
    {
        Assert.True(new BifSofOptionsValidator(In(Environments.Production)).Validate(null, Options(GoodKey)).Succeeded);
        Assert.True(new BifSofOptionsValidator(In(Environments.Development)).Validate(null, Options(new string('a', 32), "http://127.0.0.1:5080")).Succeeded);
    }

    [Fact]
    public void DashboardValidator_RefusesCookiesWithoutSecure_InProduction()
    {
        var production = new DashboardOptionsValidator(In(Environments.Production));
        Assert.Contains("Dashboard__RequireHttps", Assert.Single(production.Validate(null, new DashboardOptions { RequireHttps = false }).Failures!), StringComparison.Ordinal);
        Assert.True(production.Validate(null, new DashboardOptions { RequireHttps = true }).Succeeded);
        Assert.True(new DashboardOptionsValidator(In(Environments.Development)).Validate(null, new DashboardOptions()).Succeeded);
    }
}

/// <summary>The pseudonym key's fingerprint, against a real database.</summary>
public sealed class PseudonymKeyFingerprintTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task StartupChecks_RefuseAKey_OtherThanTheOneTheStoredPseudonymsWereMadeWith()
    {
        var settings = new WorkerSettings(_database.ConnectionString);
        await using (var first = await WorkerServices.StartAsync(settings))
        {
        }

        await using (var again = await WorkerServices.StartAsync(settings))
        {
        }

        var other = settings.With("BifSof:PseudonymKey", "another-pseudonym-key-0123456789abcdef");
        var ex = await Assert.ThrowsAsync<StartupException>(async () => await (await WorkerServices.StartAsync(other)).DisposeAsync());
        var line = Assert.Single(ex.Lines);
        Assert.Contains("BifSof__PseudonymKey", line, StringComparison.Ordinal);
        Assert.DoesNotContain("another-pseudonym-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupChecks_TakeNoKeyOnTrust_WhenPseudonymsWereStoredBeforeTheirFingerprint_UntilAnArchivedExtractConfirmsIt()
    {
        using var inbox = new TempFolder();
        var settings = new WorkerSettings(_database.ConnectionString).With("Extracts:InboxPath", inbox.Path);
        var extract = inbox.Write("bif_2009-01.csv", Extracts.File(
            Extracts.BifHeader,
            Extracts.Bif("6101801111", "2009-01", "BIF-A"),
            Extracts.Bif("6101801112", "2009-01", "BIF-B")));
        var import = await CliRun.RunAsync(settings, "import", extract);
        Assert.True(import.ExitCode == 0, import.Out + import.Error);
        // A database from before the fingerprint: pseudonyms, no fingerprint.
        await _database.ExecuteAsync("DELETE FROM bifsof.key_fingerprints");
        var other = new WorkerSettings(_database.ConnectionString).With("Extracts:InboxPath", inbox.Path)
            .With("BifSof:PseudonymKey", "another-pseudonym-key-0123456789abcdef");

        var otherWithoutArchive = await Assert.ThrowsAsync<StartupException>(async () => await (await WorkerServices.StartAsync(other)).DisposeAsync());
        var rightWithoutArchive = await Assert.ThrowsAsync<StartupException>(async () => await (await WorkerServices.StartAsync(settings)).DisposeAsync());
        Assert.Contains("no archived extract", Assert.Single(otherWithoutArchive.Lines), StringComparison.Ordinal);
        Assert.Contains("INSERT INTO bifsof.key_fingerprints", Assert.Single(rightWithoutArchive.Lines), StringComparison.Ordinal);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM bifsof.key_fingerprints"));

        Directory.CreateDirectory(Path.Combine(inbox.Path, "archive"));
        File.Move(extract, Path.Combine(inbox.Path, "archive", "20261124T010000_bif_2009-01.csv"));
        var otherWithArchive = await Assert.ThrowsAsync<StartupException>(async () => await (await WorkerServices.StartAsync(other)).DisposeAsync());
        Assert.Contains("none of the 2 CPR numbers", Assert.Single(otherWithArchive.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain("610180", otherWithArchive.Lines.Single(), StringComparison.Ordinal);

        await using (var right = await WorkerServices.StartAsync(settings))
        {
        }

        Assert.Equal(StartupChecks.PseudonymKeyFingerprint(TestEnvironment.PseudonymKey), await _database.ScalarAsync<string>("SELECT fingerprint FROM bifsof.key_fingerprints"));
        var afterwards = await Assert.ThrowsAsync<StartupException>(async () => await (await WorkerServices.StartAsync(other)).DisposeAsync());
        Assert.Contains("is not the key", Assert.Single(afterwards.Lines), StringComparison.Ordinal);
    }
}
