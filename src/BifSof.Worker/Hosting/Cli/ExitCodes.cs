namespace BifSof.Worker.Hosting.Cli;

/// <summary>The exit codes of docs/cli.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>The input was refused; a message says why.</summary>
    public const int Refused = 2;
}
