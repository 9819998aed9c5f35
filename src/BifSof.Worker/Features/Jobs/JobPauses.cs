using Npgsql;

namespace BifSof.Worker.Features.Jobs;

/// <summary>Pause and resume of recurring jobs, kept in the database so every process and every run honours it.</summary>
public sealed class JobPauses(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<bool> IsPausedAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM bifsof.job_pauses WHERE job_id = @id)");
        command.Parameters.AddWithValue("id", jobId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// The same question for Hangfire's server filters, which are synchronous: a synchronous query, not a wait on an
    /// asynchronous one.
    /// </summary>
    public bool IsPaused(string jobId)
    {
        using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM bifsof.job_pauses WHERE job_id = @id)");
        command.Parameters.AddWithValue("id", jobId);
        return command.ExecuteScalar() is true;
    }

    public async Task<Dictionary<string, JobPause>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT job_id, paused_at, paused_by FROM bifsof.job_pauses");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pauses = new Dictionary<string, JobPause>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            pauses[reader.GetString(0)] = new JobPause { JobId = reader.GetString(0), PausedAt = reader.GetFieldValue<DateTimeOffset>(1), PausedBy = reader.GetString(2) };
        }

        return pauses;
    }

    public async Task PauseAsync(string jobId, string user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO bifsof.job_pauses (job_id, paused_at, paused_by) VALUES (@id, @at, @user) ON CONFLICT (job_id) DO NOTHING");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        command.Parameters.AddWithValue("user", user);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResumeAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM bifsof.job_pauses WHERE job_id = @id");
        command.Parameters.AddWithValue("id", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
