using BifSof.Worker.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BifSof.Worker.Data;

internal static class DatabaseSetup
{
    private const string HistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, DatabaseOptions.Schema))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource) =>
        builder.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, DatabaseOptions.Schema))
            .UseSnakeCaseNamingConvention();
}
