using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BifSof.Worker.Data;

/// <summary>The transaction a follow-up job records its facts and queues their e-mails in.</summary>
public static class JobTransactions
{
    /// <summary>
    /// Begins it and takes the job's own lock inside it, so two runs of one job (the schedule and a <c>run</c> by hand,
    /// two workers, a retry) take turns and the second sees what the first recorded.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginJobTransactionAsync(this BifSofDbContext db, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = "bifsof-job:" + jobId;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
        return transaction;
    }
}
