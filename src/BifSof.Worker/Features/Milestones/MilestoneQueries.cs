using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Milestones;

internal static class MilestoneQueries
{
    /// <summary>Every milestone the current catalogue lists, with its initiative and owner, in the strategy's order.</summary>
    public static IQueryable<MilestoneView> Views(this BifSofDbContext db) => Project(db, db.Milestones.Where(m => m.InCatalogue));

    public static Task<MilestoneView?> ViewAsync(this BifSofDbContext db, string id, CancellationToken cancellationToken) =>
        Project(db, db.Milestones.Where(m => m.InCatalogue && m.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// One milestone as the reminder job sees it on <paramref name="day"/> (<see cref="ViewsAsOfAsync"/> with every
    /// answer given so far): what the answer page shows and what an answer may change. A milestone no source had
    /// named by that day is shown as stored; null when the catalogue no longer lists it.
    /// </summary>
    public static async Task<MilestoneView?> ViewAsOfAsync(this BifSofDbContext db, string id, DateOnly day, CancellationToken cancellationToken) =>
        (await db.ViewsAsOfAsync(day, cancellationToken, everyAnswer: true)).Milestones.SingleOrDefault(m => m.Id == id)
        ?? await db.ViewAsync(id, cancellationToken);

    // Filters go before this projection: EF cannot translate a filter on the record it builds.
    private static IQueryable<MilestoneView> Project(BifSofDbContext db, IQueryable<Milestone> milestones) =>
        from m in milestones
        join i in db.Initiatives on m.InitiativeNumber equals i.Number
        join o in db.Owners on i.OwnerKey equals o.Key
        orderby m.SortOrder
        select new MilestoneView(m.Id, m.Title, m.DueDate, m.DueText, m.Status, i.Number, i.Title, i.PartTitle, o.Key, o.Name, o.Email, o.EscalationEmail)
        {
            Kind = m.Kind,
            Outcome = m.Outcome,
            Note = m.Note,
            Source = m.Source,
            SourceQuote = m.SourceQuote,
        };

    /// <summary>
    /// Every milestone the current catalogue lists as it stood on <paramref name="day"/>: the catalogue's latest
    /// statement known that day (its history, <see cref="MilestoneState"/>), then the owners' answers given by the
    /// end of that day (Copenhagen time). A milestone no source had named by that day is left out.
    /// </summary>
    /// <param name="everyAnswer">
    /// Apply every answer given so far, also those given after <paramref name="day"/>: what the reminder run needs,
    /// since an owner who has answered must not be reminded again by a replay of an earlier day.
    /// </param>
    public static async Task<AsOfMilestones> ViewsAsOfAsync(this BifSofDbContext db, DateOnly day, CancellationToken cancellationToken, bool everyAnswer = false)
    {
        var current = await db.Views().ToListAsync(cancellationToken);
        var states = (await db.Set<MilestoneState>().AsNoTracking()
                .OrderBy(s => s.MilestoneId).ThenBy(s => s.Sequence)
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.MilestoneId, StringComparer.Ordinal);
        var endOfDay = everyAnswer
            ? DateTimeOffset.MaxValue
            : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Common.Copenhagen.TimeZone), TimeSpan.Zero);
        var answers = (await db.MilestoneAnswers.AsNoTracking()
                .Where(a => a.AnsweredAt < endOfDay)
                .OrderBy(a => a.AnsweredAt).ThenBy(a => a.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.MilestoneId, StringComparer.Ordinal);
        var shown = new List<MilestoneView>();
        var notYetKnown = 0;
        foreach (var view in current)
        {
            var history = states[view.Id].ToList();
            var known = history.Where(s => s.AsOf <= day).ToList();
            if (history.Count > 0 && known.Count == 0)
            {
                notYetKnown++;
                continue;
            }

            // The catalogue's latest statement known that day, then the answers given by then: an owner's answer
            // wins over the file, as it does when the file is loaded again, so today's view is the stored state.
            var asOf = known.Count > 0 ? Apply(view, known.OrderBy(s => s.AsOf).ThenBy(s => s.Sequence).ToList(), history[0]) : view;
            foreach (var answer in answers[view.Id])
            {
                asOf = Apply(asOf, answer);
            }

            shown.Add(asOf);
        }

        return new AsOfMilestones(shown, notYetKnown);
    }

    /// <summary>
    /// The latest statement of the catalogue among <paramref name="known"/> (in order): its status, date and outcome,
    /// the first date kept beside a moved one, and every note of its day (<see cref="MilestoneState.NotesOfTheLatestDay"/>).
    /// </summary>
    private static MilestoneView Apply(MilestoneView view, IReadOnlyList<MilestoneState> known, MilestoneState first)
    {
        var state = known[^1];
        return Apply(view, state, first) with { Note = MilestoneState.NotesOfTheLatestDay(known) };
    }

    /// <summary>A statement of the catalogue: its status, date, outcome and note, the first date kept beside a moved one.</summary>
    private static MilestoneView Apply(MilestoneView view, MilestoneState state, MilestoneState first) => view with
    {
        DueDate = state.DueDate,
        DueText = state.DueText,
        Status = state.Status,
        Outcome = state.Outcome,
        Note = state.Note,
        OriginalDueDate = state.DueDate != first.DueDate ? first.DueDate : null,
        StatusSource = state.Sequence > 0 ? $"{state.SourceDocument}, {state.SourceSection}" : null,
    };

    /// <summary>An owner's answer as <see cref="MilestoneAnswers"/> applies it to the stored milestone.</summary>
    private static MilestoneView Apply(MilestoneView view, MilestoneAnswer answer) => answer.Action switch
    {
        AnswerAction.Done when view.IsOpen => view with { Status = MilestoneStatus.Done, StatusSource = "svar fra den ansvarlige" },
        AnswerAction.NewDate when view.IsOpen && answer.NewDueDate is { } date => view with
        {
            Status = date > view.DueDate ? MilestoneStatus.Delayed : view.Status,
            DueDate = date,
            OriginalDueDate = view.OriginalDueDate ?? view.DueDate,
            StatusSource = "svar fra den ansvarlige",
        },
        _ => view,
    };
}

/// <summary>The milestones as they stood on a day, and how many no source had named yet.</summary>
public sealed record AsOfMilestones(IReadOnlyList<MilestoneView> Milestones, int NotYetKnown);
