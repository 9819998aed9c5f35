using Npgsql;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// The one lock of a month's extract data: imports of the month (either source) take turns, so the matching always
/// sees both sides, and whatever is computed from the month waits until an import of it has committed. Held until the
/// transaction ends.
/// </summary>
public static class ExtractMonthLock
{
    public static async Task AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        // The key is shared by every process and version that runs at the same time: change it only with all of them.
        // Waiting for an import of the same month can take longer than Npgsql's 30-second default.
        await using var command = MonthPartition.Command("SELECT pg_advisory_xact_lock(hashtext('bifsof-extract-month:' || @month::text))", connection, transaction);
        command.Parameters.AddWithValue("month", month);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
