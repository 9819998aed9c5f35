namespace BifSof.Worker.Features.Jobs;

/// <summary>A recurring job an admin has paused: while the row exists, no run of that job does any work.</summary>
public sealed class JobPause
{
    public required string JobId { get; set; }

    public DateTimeOffset PausedAt { get; set; }

    public required string PausedBy { get; set; }
}
