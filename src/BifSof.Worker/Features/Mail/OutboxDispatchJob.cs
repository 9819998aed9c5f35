using BifSof.Worker.Common.Jobs;
using Hangfire;

namespace BifSof.Worker.Features.Mail;

/// <summary>The <c>outbox-dispatch</c> recurring job.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IWorkerJob
{
    // No Hangfire retries: the schedule runs every minute anyway, and each message keeps its own attempts.
    [JobDisplayName("Udsend e-mails fra udbakken")]
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        (await dispatcher.DispatchAsync(cancellationToken)).ToString();
}
