using System.Security.Claims;
using BifSof.Worker.Features.Accounts;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace BifSof.Worker.Tests.Features.Accounts;

/// <summary>Sign-in, rehashing and sessions against a real database.</summary>
public class AccountServiceTests(WorkerServices worker) : IClassFixture<WorkerServices>
{
    private async Task<ClaimsPrincipal?> SignInAsync(string name, string password)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync(name, password, "test", CancellationToken.None);
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = worker.Scope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().IsCurrentAsync(principal, CancellationToken.None);
    }

    private async Task AddAsync(string name, string role, string password)
    {
        await using var scope = worker.Scope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().AddOrUpdateAsync(name, role, password, CancellationToken.None);
    }

    private Task<string> StoredHashAsync(string name) =>
        worker.Database.ScalarAsync<string>($"SELECT password_hash FROM bifsof.dashboard_users WHERE user_name = '{name}'");

    private Task InsertAsync(string name, string hash) =>
        worker.Database.ExecuteAsync(
            $"INSERT INTO bifsof.dashboard_users (user_name, role, password_hash, created_at, updated_at) VALUES ('{name}', 'viewer', '{hash}', now(), now())");

    [Fact]
    public async Task SignIn_AcceptsALegacyHash_AndReplacesItWithIdentitysFormat()
    {
        await InsertAsync("legacy.user", DashboardPasswordHasherTests.LegacyHash("old-password-123"));
        var updatedBefore = await worker.Database.ScalarAsync<DateTime>("SELECT updated_at FROM bifsof.dashboard_users WHERE user_name = 'legacy.user'");

        var principal = await SignInAsync("legacy.user", "old-password-123");

        Assert.Equal("legacy.user", principal?.FindFirstValue(ClaimTypes.Name));
        var stored = await StoredHashAsync("legacy.user");
        Assert.False(stored.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal), stored);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]);
        Assert.NotNull(await SignInAsync("legacy.user", "old-password-123"));
        Assert.Null(await SignInAsync("legacy.user", "old-password-124"));
        // A rehash is not a change of the account: sessions signed in before it stand.
        Assert.Equal(updatedBefore, await worker.Database.ScalarAsync<DateTime>("SELECT updated_at FROM bifsof.dashboard_users WHERE user_name = 'legacy.user'"));
        Assert.True(await IsCurrentAsync(principal!));
    }

    [Fact]
    public async Task SignIn_LeavesALegacyHashAlone_WhenThePasswordIsWrong()
    {
        var legacy = DashboardPasswordHasherTests.LegacyHash("old-password-123");
        await InsertAsync("legacy.wrong", legacy);

        Assert.Null(await SignInAsync("legacy.wrong", "not-the-password"));
        Assert.Equal(legacy, await StoredHashAsync("legacy.wrong"));
    }

    [Theory]
    [InlineData("corrupt.legacy", "pbkdf2-sha256$210000$not*base64$AAAA")]
    [InlineData("corrupt.identity", "AQAAAAIAAYag####")]
    [InlineData("corrupt.empty", "")]
    public async Task SignIn_IsAFailedLogin_WhenTheStoredHashIsCorrupt(string name, string hash)
    {
        await InsertAsync(name, hash);
        Assert.Null(await SignInAsync(name, "plain-text-password"));
    }

    [Fact]
    public async Task IsCurrent_EndsTheSession_WhenTheRoleOrPasswordChanges()
    {
        await AddAsync("changing.user", DashboardRoles.Viewer, "first-password-123");
        var session = await SignInAsync("changing.user", "first-password-123");
        Assert.True(await IsCurrentAsync(session!));

        await AddAsync("changing.user", DashboardRoles.Admin, "first-password-123");

        Assert.False(await IsCurrentAsync(session!));
        Assert.True(await IsCurrentAsync((await SignInAsync("changing.user", "first-password-123"))!));
    }

    [Fact]
    public async Task IsCurrent_EndsTheSession_WhenTheAccountIsRemoved()
    {
        await AddAsync("leaving.user", DashboardRoles.Viewer, "first-password-123");
        var session = await SignInAsync("leaving.user", "first-password-123");

        await using (var scope = worker.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountService>().RemoveAsync("Leaving.User", CancellationToken.None));
        }

        Assert.False(await IsCurrentAsync(session!));
        Assert.Null(await SignInAsync("leaving.user", "first-password-123"));
    }
}
