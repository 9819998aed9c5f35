namespace BifSof.Worker.Common.Jobs;

/// <summary>
/// A recurring job. Hangfire calls <see cref="RunAsync"/> on schedule; <c>run JOB</c> calls it directly. The
/// returned text is the run's short report, shown on the job's dashboard page.
/// </summary>
public interface IWorkerJob
{
    Task<string> RunAsync(CancellationToken cancellationToken);
}
