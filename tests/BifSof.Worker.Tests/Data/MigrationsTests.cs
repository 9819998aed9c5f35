using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Tests.Data;

public class MigrationsTests
{
    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model changed without a migration: run dotnet ef migrations add.");
    }
}
