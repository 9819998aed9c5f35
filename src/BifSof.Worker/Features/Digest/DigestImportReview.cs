using BifSof.Worker.Features.Extracts;
using Npgsql;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Records each matched version of a month when its import commits, so every version is judged by the hold rule —
/// also two imports of one month between two runs of the digest job. The job reviews again before it sends, as the
/// safety net when this fails.
/// </summary>
internal sealed class DigestImportReview(DigestHolds holds) : IExtractMonthSubscriber
{
    public Task MonthReplacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ExtractMonthChange change, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public async Task MonthCommittedAsync(ExtractMonthChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Matched)
        {
            await holds.ReviewAsync(cancellationToken);
        }
    }
}
