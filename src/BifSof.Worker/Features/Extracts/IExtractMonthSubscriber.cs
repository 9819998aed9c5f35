using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// A feature that derives figures from the extracts and must hear when a month's data changes. The import says what
/// changed; the subscriber decides what that makes stale and when to compute it again, so the import knows nothing of
/// what is computed from it.
/// </summary>
public interface IExtractMonthSubscriber
{
    /// <summary>
    /// Called inside the import's transaction, under the month's lock, after the rows were replaced and the month
    /// matched: record what must be recomputed, set-based, on <paramref name="connection"/>. Throwing rolls the import
    /// back.
    /// </summary>
    Task MonthReplacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ExtractMonthChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the import has committed: start what can start now. A failure is logged and the import stands, so
    /// whatever is started here needs a safety net that finds the work recorded in <see cref="MonthReplacedAsync"/>.
    /// </summary>
    Task MonthCommittedAsync(ExtractMonthChange change, CancellationToken cancellationToken);
}
