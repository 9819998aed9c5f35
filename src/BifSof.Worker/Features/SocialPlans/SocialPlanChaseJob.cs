using BifSof.Worker.Common;
using BifSof.Worker.Common.Jobs;
using Hangfire;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>
/// The <c>social-plan-chase</c> job (weekday mornings): chasers to SOF teams for overdue social action plans and
/// escalations to centre leaders, as of today in Copenhagen. Safe to run twice: a second run the same day queues
/// nothing new.
/// </summary>
public sealed class SocialPlanChaseJob(SocialPlanChaser chaser, TimeProvider clock) : IWorkerJob
{
    internal const string Id = "social-plan-chase";

    [JobDisplayName("Ryk SOF-teams for handleplaner over frist")]
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        (await chaser.RunAsync(Copenhagen.Today(clock), cancellationToken)).Text;
}
