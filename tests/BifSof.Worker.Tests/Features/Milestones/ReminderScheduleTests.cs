using BifSof.Worker.Features.Milestones;

namespace BifSof.Worker.Tests.Features.Milestones;

public class ReminderScheduleTests
{
    private static readonly MilestoneOptions Rules = new();
    private static readonly DateOnly Due = new(2010, 3, 17);

    private static ScheduledReminder? On(int daysToDue) => ReminderSchedule.ForDay(Due, Due.AddDays(-daysToDue), Rules);

    [Fact]
    public void ForDay_SendsNothing_FifteenDaysBefore() => Assert.Null(On(15));

    [Fact]
    public void ForDay_SendsTheFourteenDayReminder_FourteenDaysBefore() =>
        Assert.Equal(new ScheduledReminder(ReminderKind.Before, Due.AddDays(-14), 14, 14), On(14));

    [Fact]
    public void ForDay_NamesTheSameFourteenDayReminder_ThirteenDaysBefore_SoTheOutboxKeyKeepsItToOne() =>
        Assert.Equal(Due.AddDays(-14), On(13)!.Value.ScheduledOn);

    [Fact]
    public void ForDay_SendsNothingNew_BetweenTheReminders() => Assert.Null(On(5));

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void ForDay_SendsTheThreeDayReminder_FromThreeDaysBefore(int daysToDue) =>
        Assert.Equal(new ScheduledReminder(ReminderKind.Before, Due.AddDays(-3), 3, daysToDue), On(daysToDue));

    [Fact]
    public void ForDay_SendsTheDueDayReminder_OnTheDueDate() =>
        Assert.Equal(new ScheduledReminder(ReminderKind.DueToday, Due, 0, 0), On(0));

    [Theory]
    [InlineData(-1)]
    [InlineData(-6)]
    public void ForDay_NamesTheDueDayReminder_TheFirstSixDaysOverdue(int daysToDue) =>
        Assert.Equal(ReminderKind.DueToday, On(daysToDue)!.Value.Kind);

    [Theory]
    [InlineData(-1)]
    [InlineData(-6)]
    public void ForDay_WordsTheCaughtUpDueDayReminderAsOverdue_WhenSentAfterTheDueDate(int daysToDue) =>
        Assert.Equal((ReminderKind.Overdue, daysToDue), (On(daysToDue)!.Value.Wording, On(daysToDue)!.Value.DaysLeft));

    [Theory]
    [InlineData(13, 13)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void ForDay_CountsTheDaysLeftFromTheDayItIsSent_WhenABeforeReminderIsCaughtUp(int daysToDue, int daysLeft) =>
        Assert.Equal((ReminderKind.Before, daysLeft), (On(daysToDue)!.Value.Wording, On(daysToDue)!.Value.DaysLeft));

    [Fact]
    public void ForDay_WordsTheReminderAsDueToday_OnlyOnTheDueDate()
    {
        var dueToday = Enumerable.Range(-14, 36).Where(d => On(-d) is { Wording: ReminderKind.DueToday }).ToList();
        Assert.Equal([0], dueToday);
    }

    [Theory]
    [InlineData(-7, -7)]
    [InlineData(-13, -7)]
    [InlineData(-14, -14)]
    [InlineData(-70, -70)]
    public void ForDay_SendsAnOverdueReminder_EverySevenDays(int daysToDue, int scheduled) =>
        Assert.Equal(new ScheduledReminder(ReminderKind.Overdue, Due.AddDays(-scheduled), scheduled, daysToDue), On(daysToDue));

    [Fact]
    public void ForDay_CatchesUpOnMonday_WhenTheFourteenDayReminderFellOnASaturday()
    {
        var due = new DateOnly(2010, 3, 20); // due - 14 is Saturday 6 March 2010
        var monday = new DateOnly(2010, 3, 8);
        Assert.Equal(new ScheduledReminder(ReminderKind.Before, new DateOnly(2010, 3, 6), 14, 12), ReminderSchedule.ForDay(due, monday, Rules));
    }

    [Fact]
    public void ForDay_FollowsConfiguredDays()
    {
        var rules = new MilestoneOptions { ReminderDaysBefore = [30], OverdueEveryDays = 10 };
        Assert.Equal(ReminderKind.Before, ReminderSchedule.ForDay(Due, Due.AddDays(-30), rules)!.Value.Kind);
        Assert.Null(ReminderSchedule.ForDay(Due, Due.AddDays(-14), rules));
        Assert.Equal(-10, ReminderSchedule.ForDay(Due, Due.AddDays(10), rules)!.Value.DaysToDue);
    }

    [Theory]
    [InlineData(-13, false)]
    [InlineData(-14, true)]
    [InlineData(-100, true)]
    [InlineData(0, false)]
    public void IsEscalationDue_FromFourteenDaysOverdue(int daysToDue, bool expected) =>
        Assert.Equal(expected, ReminderSchedule.IsEscalationDue(Due, Due.AddDays(-daysToDue), Rules));
}
