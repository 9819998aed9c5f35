using System.Diagnostics;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Tests.Features.Accounts;

/// <summary>Guessing passwords against the real account table: locked out, logged, and cheap to refuse.</summary>
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private const string Password = "right-password-123";

    private readonly TestDatabase _database = new();
    private readonly CapturedLog _log = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = new WorkerSettings(_database.ConnectionString);
        _app = WorkerApp.Build([], runServer: false, builder =>
        {
            settings.Apply(builder);
            builder.Logging.AddProvider(_log);
        });
        await StartupChecks.RunAsync(_app.Services, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task AddAsync(string name, string password = Password)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().AddOrUpdateAsync(name, DashboardRoles.Admin, password, CancellationToken.None);
    }

    private async Task<bool> SignInAsync(string name, string password)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync(name, password, "test", CancellationToken.None) is not null;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    [Fact]
    public async Task SignInAsync_LogsTheFailure_WithoutTheCprSomeoneTypedAsTheirUserName()
    {
        Assert.False(await SignInAsync("010203-1234", "whatever-password"));
        Assert.False(await SignInAsync("0102031234", "whatever-password"));

        var failures = _log.Lines.Where(l => l.Contains("sign-in failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, line => Assert.DoesNotMatch(@"\d{4}", line)); // neither the birth date nor the sequence number
    }

    [Fact]
    public async Task SignInAsync_RefusesEvenTheRightPassword_AndLogsTheLockout_WhenTheAccountHadFiveWrongOnes()
    {
        await AddAsync("guessed");
        for (var i = 0; i < LoginThrottle.AccountThreshold; i++)
        {
            Assert.False(await SignInAsync("guessed", $"wrong-password-{i:000}"));
        }

        Assert.False(await SignInAsync("guessed", Password));
        Assert.Contains(_log.Lines, l => l.Contains("'guessed' locked for 15 minutes after 5 wrong passwords", StringComparison.Ordinal));
        Assert.Equal(5, _log.Lines.Count(l => l.Contains("sign-in failed for 'guessed'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignInAsync_SpendsNoPasswordHash_OnAnUnknownName()
    {
        await AddAsync("known");
        var oneHash = await TimeAsync(() => SignInAsync("known", "wrong-password-000"));

        var tenUnknown = await TimeAsync(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.False(await SignInAsync($"nobody-{i}", Password));
            }
        });

        Assert.True(tenUnknown < oneHash, $"ten unknown names took {tenUnknown.TotalMilliseconds} ms, one hash {oneHash.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task SignInAsync_DoesNotHashAgain_ACredentialJustVerified_UntilThePasswordChanges()
    {
        await AddAsync("script");
        var first = await TimeAsync(async () => Assert.True(await SignInAsync("script", Password)));

        var tenMore = await TimeAsync(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.True(await SignInAsync("script", Password));
            }
        });

        Assert.True(tenMore < first, $"ten Basic requests took {tenMore.TotalMilliseconds} ms, the first {first.TotalMilliseconds} ms");
        await AddAsync("script", "another-password-123");
        Assert.False(await SignInAsync("script", Password));
        Assert.True(await SignInAsync("script", "another-password-123"));
    }

    [Fact]
    public async Task SignInAsync_RefusesAnAddress_AfterTwentyFailures_WhileOtherAddressesStillSignIn()
    {
        await AddAsync("target");
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        for (var i = 0; i < LoginThrottle.AddressThreshold; i++)
        {
            Assert.Null(await accounts.SignInAsync($"spray-{i}", Password, "test", "192.0.2.7", CancellationToken.None));
        }

        Assert.Null(await accounts.SignInAsync("target", Password, "test", "192.0.2.7", CancellationToken.None));
        Assert.NotNull(await accounts.SignInAsync("target", Password, "test", "192.0.2.8", CancellationToken.None));
        Assert.Contains(_log.Lines, l => l.Contains("'target' from 192.0.2.7 refused unchecked", StringComparison.Ordinal));
    }
}
