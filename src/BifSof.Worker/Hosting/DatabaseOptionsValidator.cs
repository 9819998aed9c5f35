using Microsoft.Extensions.Options;
using Npgsql;

namespace BifSof.Worker.Hosting;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string Setting = "ConnectionStrings:BifSof (ConnectionStrings__BifSof)";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{Setting} is missing: set a PostgreSQL connection string.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never the password.
            return ValidateOptionsResult.Fail($"{Setting} is not a valid connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return ValidateOptionsResult.Fail($"{Setting} names no Host.");
        }

        return string.IsNullOrWhiteSpace(builder.Database)
            ? ValidateOptionsResult.Fail($"{Setting} names no Database.")
            : ValidateOptionsResult.Success;
    }
}
