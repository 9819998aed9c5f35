using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Tests.Features.Accounts;

/// <summary>Guessing passwords against the real account table: locked out, logged, and cheap to refuse.</summary>
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private const string Password = "right-password-123";

    private readonly TestDatabase _database = new();
    private readonly CapturedLog _log = new();
    private readonly CountingHasher _hasher = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = await StartAsync(_log);
    }

    private async Task<WebApplication> StartAsync(CapturedLog log)
    {
        return await WorkerServices.StartAsync(new WorkerSettings(_database.ConnectionString), builder =>
        {
            builder.Logging.AddProvider(log);
            builder.Services.AddSingleton<IPasswordHasher<DashboardUser>>(_hasher);
        });
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

    private Task<bool> SignInAsync(string name, string password) => SignInAsync(_app, name, password, address: null);

    private static async Task<bool> SignInAsync(WebApplication app, string name, string password, string? address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync(name, password, "test", address, CancellationToken.None) is not null;
    }

    /// <summary>The worker's own hasher, counting the password checks it is asked for (each costs a full PBKDF2).</summary>
    private sealed class CountingHasher : IPasswordHasher<DashboardUser>
    {
        private readonly DashboardPasswordHasher _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(DashboardUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(DashboardUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
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
        Assert.False(await SignInAsync("known", "wrong-password-000"));
        Assert.Equal(1, _hasher.Verifications);

        for (var i = 0; i < 10; i++)
        {
            Assert.False(await SignInAsync($"nobody-{i}", Password));
        }

        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public async Task SignInAsync_DoesNotHashAgain_ACredentialJustVerified_UntilThePasswordChanges()
    {
        await AddAsync("script");
        Assert.True(await SignInAsync("script", Password));
        Assert.Equal(1, _hasher.Verifications);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await SignInAsync("script", Password));
        }

        Assert.Equal(1, _hasher.Verifications);
        await AddAsync("script", "another-password-123");
        Assert.False(await SignInAsync("script", Password));
        Assert.True(await SignInAsync("script", "another-password-123"));
        Assert.Equal(3, _hasher.Verifications);
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

    [Fact]
    public async Task SignInAsync_LocksTheAccountForTheGuessingAddressOnly_SoTheAdminStillSignsInFromAnother()
    {
        await AddAsync("admin");
        for (var i = 0; i < LoginThrottle.AccountThreshold; i++)
        {
            Assert.False(await SignInAsync(_app, "admin", $"wrong-password-{i:000}", "192.0.2.66"));
        }

        Assert.False(await SignInAsync(_app, "admin", Password, "192.0.2.66"));
        Assert.True(await SignInAsync(_app, "admin", Password, "198.51.100.4"));
        Assert.Contains(_log.Lines, l => l.Contains("'admin' locked for 15 minutes after 5 wrong passwords from 192.0.2.66", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInAsync_ChecksNoMoreThanFivePasswords_WhenTwentyWrongGuessesArriveAtOnce()
    {
        await AddAsync("burst");
        using var start = new ManualResetEventSlim();
        var guesses = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await SignInAsync(_app, "burst", $"wrong-password-{i:000}", "192.0.2.99");
        })).ToList();
        start.Set();

        Assert.All(await Task.WhenAll(guesses), Assert.False);
        // Each "sign-in failed" is a password that was checked; the rest were refused unchecked.
        Assert.Equal(LoginThrottle.AccountThreshold, _log.Lines.Count(l => l.Contains("sign-in failed for 'burst'", StringComparison.Ordinal)));
        Assert.Equal(20 - LoginThrottle.AccountThreshold, _log.Lines.Count(l => l.Contains("'burst' from 192.0.2.99 refused unchecked", StringComparison.Ordinal)));
        Assert.Equal(LoginThrottle.AccountThreshold, _hasher.Verifications);
        Assert.False(await SignInAsync(_app, "burst", Password, "192.0.2.99"));
    }

    [Fact]
    public async Task SignInAsync_CountsTheFailuresOfEveryWorker_AgainstOneThreshold()
    {
        await AddAsync("shared");
        var otherLog = new CapturedLog();
        await using var other = await StartAsync(otherLog);
        for (var i = 0; i < LoginThrottle.AccountThreshold; i++)
        {
            // Alternating between two workers on one database: N workers must not give N × the tries.
            Assert.False(await SignInAsync(i % 2 == 0 ? _app : other, "shared", $"wrong-password-{i:000}", "192.0.2.5"));
        }

        Assert.False(await SignInAsync(_app, "shared", Password, "192.0.2.5"));
        Assert.False(await SignInAsync(other, "shared", Password, "192.0.2.5"));
    }

    [Fact]
    public async Task UserUnlock_EndsTheLock_SoTheRightPasswordSignsInAgain()
    {
        await AddAsync("locked.admin");
        for (var i = 0; i < LoginThrottle.AccountThreshold; i++)
        {
            Assert.False(await SignInAsync(_app, "locked.admin", $"wrong-password-{i:000}", "192.0.2.10"));
        }

        Assert.False(await SignInAsync(_app, "locked.admin", Password, "192.0.2.10"));

        var settings = new WorkerSettings(_database.ConnectionString);
        var unlock = await CliRun.RunAsync(settings, "user", "unlock", "Locked.Admin");
        var unknown = await CliRun.RunAsync(settings, "user", "unlock", "nobody.here");

        Assert.Equal((0, "låst op locked.admin"), (unlock.ExitCode, unlock.Out.Trim()));
        Assert.Equal(2, unknown.ExitCode);
        Assert.True(await SignInAsync(_app, "locked.admin", Password, "192.0.2.10"));
    }
}
