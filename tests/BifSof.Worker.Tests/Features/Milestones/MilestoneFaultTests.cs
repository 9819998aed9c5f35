using BifSof.Worker.Features.Milestones;
using Npgsql;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>Which faults skip one milestone, and which fail the whole reminder run.</summary>
public class MilestoneFaultTests
{
    [Fact]
    public void IsMilestoneFault_IsTrue_ForADateOutsideTheCalendar() =>
        Assert.True(MilestoneReminderJob.IsMilestoneFault(new ArgumentOutOfRangeException("date")));

    [Fact]
    public void IsMilestoneFault_IsFalse_ForTheInvalidOperationExceptionOfABrokenConnectionOrTransaction()
    {
        // What EF Core and Npgsql raise when the connection or transaction is no longer usable.
        Assert.False(MilestoneReminderJob.IsMilestoneFault(new InvalidOperationException("Connection is not open")));
        Assert.False(MilestoneReminderJob.IsMilestoneFault(new InvalidOperationException("This NpgsqlTransaction has completed; it is no longer usable.")));
    }

    [Fact]
    public void IsMilestoneFault_IsFalse_ForADatabaseError() =>
        Assert.False(MilestoneReminderJob.IsMilestoneFault(new NpgsqlException("terminating connection due to administrator command")));
}
