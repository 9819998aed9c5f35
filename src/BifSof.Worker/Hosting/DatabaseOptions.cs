namespace BifSof.Worker.Hosting;

/// <summary>The PostgreSQL database for domain data and Hangfire storage: <c>ConnectionStrings:BifSof</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "BifSof";

    public string? ConnectionString { get; set; }

    /// <summary>Schema of the worker's own tables.</summary>
    public const string Schema = "bifsof";

    /// <summary>Schema of Hangfire's tables, in the same database.</summary>
    public const string HangfireSchema = "hangfire";
}
