using BifSof.Worker.Common;
using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// Records an owner's answer and applies it: <c>done</c> closes the milestone (no more reminders), a new date
/// re-times the reminders, a comment joins the history. Status and date answered here win over the catalogue file.
/// </summary>
public sealed class MilestoneAnswers(BifSofDbContext db, TimeProvider clock, ILogger<MilestoneAnswers> logger)
{
    public const int MaxCommentLength = 2000;

    /// <summary>How far ahead a new date may lie: five years covers any strategy period and keeps "no date" entries like 9999-12-31 out.</summary>
    public const int NewDateWindowYears = 5;

    /// <summary>The latest new date an answer given on <paramref name="today"/> may set (the window starts today).</summary>
    public static DateOnly LatestNewDate(DateOnly today) => today.AddYears(NewDateWindowYears);

    public async Task<AnswerOutcome> RecordAsync(AnswerTicket ticket, DateOnly? newDate, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var milestone = await db.Milestones
            .FromSql($"SELECT * FROM bifsof.milestones WHERE id = {ticket.MilestoneId} FOR UPDATE")
            .SingleAsync(cancellationToken);
        if (milestone.Kind == MilestoneKind.Event)
        {
            return AnswerOutcome.NotADeadline;
        }

        // Judged as the reminder job and the answer page judge it: the milestone as known on the domain clock's
        // today, not the catalogue's latest statement (which may be a later evaluation's verdict).
        var today = Copenhagen.Today(clock);
        var asOf = await db.ViewAsOfAsync(milestone.Id, today, cancellationToken);
        var (status, dueDate) = asOf is null ? (milestone.Status, milestone.DueDate) : (asOf.Status, asOf.DueDate);
        if ((status is MilestoneStatus.Done or MilestoneStatus.Cancelled) && ticket.Action is not AnswerAction.Comment)
        {
            return AnswerOutcome.AlreadyClosed;
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var valid = ticket.Action switch
        {
            AnswerAction.NewDate => newDate is { } date && date >= today && date <= LatestNewDate(today),
            AnswerAction.Comment => comment is not null,
            _ => true,
        };
        if (!valid || comment?.Length > MaxCommentLength)
        {
            return AnswerOutcome.Invalid;
        }

        db.MilestoneAnswers.Add(new MilestoneAnswer
        {
            MilestoneId = milestone.Id,
            OwnerKey = ticket.OwnerKey,
            Action = ticket.Action,
            NewDueDate = ticket.Action == AnswerAction.NewDate ? newDate : null,
            Comment = comment,
            PreviousDueDate = dueDate,
            AnsweredAt = clock.GetUtcNow(),
        });
        switch (ticket.Action)
        {
            case AnswerAction.Done:
                milestone.Status = MilestoneStatus.Done;
                milestone.ReportedByOwner = true;
                break;
            case AnswerAction.NewDate:
                if (newDate > dueDate)
                {
                    milestone.Status = MilestoneStatus.Delayed;
                }

                milestone.DueDate = newDate!.Value;
                milestone.ReportedByOwner = true;
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MilestoneLog.Answered(logger, milestone.Id, ticket.OwnerKey, ticket.Action);
        return AnswerOutcome.Recorded;
    }
}
