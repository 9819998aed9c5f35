using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Features.Extracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Months that look wrong wait. Each matched month's current version is compared with the month before and with the
/// month's last accepted version (<see cref="HoldRule"/>); a held month's digests and corrections wait until an admin
/// confirms that version on "Indlæsninger", or a corrected file replaces it. The monthly-digest job records every version
/// it sees, which is what "the month's previous version" is measured against.
/// </summary>
public sealed class DigestHolds(NpgsqlDataSource dataSource, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestHolds> logger)
{
    /// <summary>Every matched month's current version as it stands, oldest first. Changes nothing.</summary>
    public async Task<List<MonthHold>> EvaluateAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT m.month, m.matched_at, coalesce(m.shared_citizens, 0), before.shared_citizens,
                   (SELECT r.shared_citizens FROM bifsof.digest_month_reviews r
                    WHERE r.month = m.month AND r.matched_at < m.matched_at AND (NOT r.held OR r.confirmed_at IS NOT NULL)
                    ORDER BY r.matched_at DESC LIMIT 1),
                   cur.confirmed_by, cur.confirmed_at
            FROM bifsof.extract_months m
            LEFT JOIN bifsof.extract_months before ON before.month = (m.month - interval '1 month')::date AND before.matched_at IS NOT NULL
            LEFT JOIN bifsof.digest_month_reviews cur ON cur.month = m.month AND cur.matched_at = m.matched_at
            WHERE m.matched_at IS NOT NULL
            ORDER BY m.month
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var share = options.Value.HoldShare;
        var months = new List<MonthHold>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var month = reader.GetFieldValue<DateOnly>(0);
            var before = month.AddMonths(-1);
            var shared = reader.GetInt32(2);
            var reason = HoldRule.Check(
                shared,
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                DanishFormat.Month(before.Year, before.Month),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                share);
            months.Add(new MonthHold(
                month,
                reader.GetFieldValue<DateTimeOffset>(1),
                shared,
                reason,
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return months;
    }

    /// <summary>Evaluates every month and records the versions not seen before, in one statement. Returns the evaluation.</summary>
    public async Task<List<MonthHold>> ReviewAsync(CancellationToken cancellationToken)
    {
        var months = await EvaluateAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO bifsof.digest_month_reviews (month, matched_at, shared_citizens, held, reason, seen_at)
            SELECT * FROM unnest(@months, @versions, @shared, @held, @reasons) AS v(month, matched_at, shared_citizens, held, reason), (SELECT @at) AS seen(at)
            ON CONFLICT (month, matched_at) DO NOTHING
            """);
        command.Parameters.AddWithValue("months", months.Select(m => m.Month).ToArray());
        command.Parameters.AddWithValue("versions", months.Select(m => m.Version).ToArray());
        command.Parameters.AddWithValue("shared", months.Select(m => m.SharedCitizens).ToArray());
        command.Parameters.AddWithValue("held", months.Select(m => m.Reason is not null).ToArray());
        command.Parameters.AddWithValue("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text, months.Select(m => m.Reason).ToArray());
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var held in months.Where(m => m.Held))
        {
            DigestLog.Held(logger, held.Month, held.Reason!);
        }

        return months;
    }

    /// <summary>An admin confirms the month's current version: its digests go out on the next run. False when it was not held.</summary>
    public async Task<bool> ConfirmAsync(DateOnly month, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if ((await EvaluateAsync(cancellationToken)).FirstOrDefault(m => m.Month == month) is not { Held: true } hold)
        {
            return false;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO bifsof.digest_month_reviews (month, matched_at, shared_citizens, held, reason, seen_at, confirmed_by, confirmed_at)
            VALUES (@month, @version, @shared, true, @reason, @at, @user, @at)
            ON CONFLICT (month, matched_at) DO UPDATE SET confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at
            """);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("version", hold.Version);
        command.Parameters.AddWithValue("shared", hold.SharedCitizens);
        command.Parameters.AddWithValue("reason", hold.Reason!);
        command.Parameters.AddWithValue("user", user);
        // Wall-clock time: a confirmation is a real act, even while a job replays another day.
        command.Parameters.AddWithValue("at", TimeProvider.System.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        DigestLog.Confirmed(logger, month, user);
        return true;
    }

    /// <summary>The admins' button on "Indlæsninger": confirm a held month (route group <c>month</c>, <c>YYYY-MM</c>).</summary>
    internal static async Task<bool> ConfirmCommandAsync(DashboardRequest request, CancellationToken cancellationToken) =>
        ExtractValues.TryParseMonth(request.Route("month"), out var month)
        && await request.Services.GetRequiredService<DigestHolds>().ConfirmAsync(month, request.UserName, cancellationToken);
}
