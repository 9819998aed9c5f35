namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// What scripts/test.sh provides: a throwaway PostgreSQL server and a MailDev SMTP sink. Integration tests need
/// both; they fail with a clear message, never skip, when run outside the script.
/// </summary>
internal static class TestEnvironment
{
    public static string AdminConnectionString => Require("ConnectionStrings__BifSof");

    public static string SmtpHost => Require("Smtp__Host");

    public static int SmtpPort => int.Parse(Require("Smtp__Port"), System.Globalization.CultureInfo.InvariantCulture);

    public static Uri MailDevWeb => new(Require("BIFSOF_TEST_MAILDEV_WEB"));

    public static string MailDevBinary => Require("BIFSOF_MAILDEV_BIN");

    public static string SmtpSinkBinary => Require("BIFSOF_SMTP_SINK_BIN");

    /// <summary>
    /// Every worker a test starts, in this process or as a child process, runs in the environment "Test": not
    /// Production, whose start-up refuses plain http and test keys, and not Development, with its error pages.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void UseTheTestEnvironment()
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null && Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "Test");
        }
    }

    public const string PseudonymKey = "test-pseudonym-key-0123456789abcdef0123456789";

    public const string Sender = "BifSofWorker <bifsof@bifsof.example.dk>";

    internal static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, which starts PostgreSQL and MailDev.");
}
