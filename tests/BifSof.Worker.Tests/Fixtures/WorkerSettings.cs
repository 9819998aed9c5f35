using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>The configuration a test worker runs with: its own database, the shared MailDev, test keys.</summary>
public sealed class WorkerSettings
{
    public WorkerSettings(string connectionString)
    {
        Values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BifSof"] = connectionString,
            ["Smtp:Host"] = TestEnvironment.SmtpHost,
            ["Smtp:Port"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = TestEnvironment.Sender,
            ["Smtp:Security"] = "None",
            ["Smtp:TimeoutSeconds"] = "10",
            ["BifSof:PseudonymKey"] = TestEnvironment.PseudonymKey,
            ["BifSof:PublicBaseUrl"] = "http://127.0.0.1:5999",
            // Never the working directory: a serving worker's import-inbox job would create it there.
            ["Extracts:InboxPath"] = Path.Combine(Path.GetTempPath(), "bifsof-test-inbox"),
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public Dictionary<string, string?> Values { get; }

    public WorkerSettings With(string key, string? value)
    {
        Values[key] = value;
        return this;
    }

    /// <summary>Applied after the worker's own configuration, so these values win over the environment.</summary>
    public Action<WebApplicationBuilder> Apply => builder => builder.Configuration.AddInMemoryCollection(Values);
}
