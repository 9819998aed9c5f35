using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BifSof.Worker.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BifSofDbContext>
{
    public BifSofDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<BifSofDbContext>)DatabaseSetup.Configure(new DbContextOptionsBuilder<BifSofDbContext>(), "Host=localhost;Database=design").Options);
}
