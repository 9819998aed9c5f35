using System.Globalization;
using BifSof.Worker.Common;
using BifSof.Worker.Common.Templating;
using BifSof.Worker.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// The page a reminder's link opens: <c>GET /milepaele/ID/svar?t=TOKEN</c> shows the milestone, its history and a
/// form for the link's one action; <c>POST</c> records the answer. Opening a link changes nothing (mail scanners
/// open links); a tampered, expired or misplaced link, or one to an event (a dated fact, not a deadline), gets a clear
/// page and changes nothing either.
/// </summary>
internal static class AnswerEndpoints
{
    public static void MapMilestoneAnswers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/milepaele/{id}/svar", async (string id, [FromQuery(Name = "t")] string? token, HttpContext context, AnswerLinks links, BifSofDbContext db, IAntiforgery antiforgery, TimeProvider clock, ILogger<AnswerLinks> logger) =>
        {
            var check = links.Check(id, token, out var ticket);
            if (check != LinkCheck.Valid)
            {
                MilestoneLog.LinkRefused(logger, id, check);
                return Refused(context, check);
            }

            return await PageAsync(db, context, antiforgery, clock, ticket!, token!, message: null);
        }).AllowAnonymous();

        endpoints.MapPost("/milepaele/{id}/svar", async (
            string id,
            [FromForm(Name = "t")] string? token,
            [FromForm(Name = "dato")] string? date,
            [FromForm(Name = "kommentar")] string? comment,
            HttpContext context,
            AnswerLinks links,
            MilestoneAnswers answers,
            BifSofDbContext db,
            IAntiforgery antiforgery,
            TimeProvider clock,
            ILogger<AnswerLinks> logger) =>
        {
            var check = links.Check(id, token, out var ticket);
            if (check != LinkCheck.Valid)
            {
                MilestoneLog.LinkRefused(logger, id, check);
                return Refused(context, check);
            }

            DateOnly? newDate = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
            var outcome = await answers.RecordAsync(ticket!, newDate, comment, context.RequestAborted);
            var message = outcome switch
            {
                AnswerOutcome.Recorded => new AnswerMessage(true, "Tak – dit svar er registreret."),
                AnswerOutcome.AlreadyClosed => new AnswerMessage(true, "Milepælen er allerede afsluttet; intet er ændret."),
                _ => ticket!.Action == AnswerAction.NewDate
                    ? new AnswerMessage(false, $"Angiv en ny dato fra i dag til og med {DanishFormat.Date(MilestoneAnswers.LatestNewDate(Copenhagen.Today(clock)))}.")
                    : new AnswerMessage(false, $"Skriv en kommentar på højst {MilestoneAnswers.MaxCommentLength} tegn."),
            };
            return await PageAsync(db, context, antiforgery, clock, ticket!, token!, message, outcome == AnswerOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        }).AllowAnonymous();
    }

    private static IResult Refused(HttpContext context, LinkCheck check) => check switch
    {
        LinkCheck.Expired => Notice(
            context,
            "Linket er udløbet",
            "Linket i påmindelsen virker ikke længere. Brug linket i den seneste påmindelse, eller kontakt Specialenheden.",
            StatusCodes.Status410Gone),
        LinkCheck.WrongMilestone => Notice(
            context,
            "Linket hører til en anden milepæl",
            "Adressen er ændret, så linket ikke længere passer til milepælen. Brug linket, præcis som det står i påmindelsen.",
            StatusCodes.Status400BadRequest),
        _ => Notice(
            context,
            "Linket er ugyldigt",
            "Linket er ufuldstændigt eller ændret. Brug linket, præcis som det står i påmindelsen.",
            StatusCodes.Status400BadRequest),
    };

    /// <summary>A page that explains why nothing happened.</summary>
    private static IResult Notice(HttpContext context, string title, string text, int statusCode) =>
        PublicPage.Render(context.RequestServices.GetRequiredService<PageTemplates>(), "AnswerNoticePage", title, new { Heading = title, Text = text }, statusCode);

    private static async Task<IResult> PageAsync(BifSofDbContext db, HttpContext context, IAntiforgery antiforgery, TimeProvider clock, AnswerTicket ticket, string token, AnswerMessage? message, int statusCode = StatusCodes.Status200OK)
    {
        // The status known on the domain clock's today, as the reminder that linked here judged it: the stored status
        // is the catalogue's latest (a later evaluation's verdict on the demo day, say).
        var milestone = await db.ViewAsOfAsync(ticket.MilestoneId, Copenhagen.Today(clock), context.RequestAborted);
        if (milestone is null)
        {
            return Notice(context, "Milepælen findes ikke længere", "Den er fjernet fra strategiens katalog.", StatusCodes.Status404NotFound);
        }

        if (milestone.IsEvent)
        {
            // A dated fact of the sources (a grant ending, say) is nobody's deadline: no reminder links to it, and a
            // link made by hand answers nothing (MilestoneAnswers refuses it too).
            return Notice(
                context,
                "Der er ingen frist at svare på",
                $"»{milestone.Title}« er en dato fra strategiens kilder ({DanishFormat.Date(milestone.DueDate)}), ikke en frist. Der sendes ingen påmindelser om den.",
                StatusCodes.Status409Conflict);
        }

        var history = await db.MilestoneAnswers.AsNoTracking()
            .Where(a => a.MilestoneId == milestone.Id)
            .OrderByDescending(a => a.AnsweredAt)
            .ToListAsync(context.RequestAborted);
        var answerers = history.Select(a => a.OwnerKey).Distinct(StringComparer.Ordinal).ToList();
        var ownerNames = await db.Owners.AsNoTracking()
            .Where(o => answerers.Contains(o.Key))
            .ToDictionaryAsync(o => o.Key, o => o.Name, StringComparer.Ordinal, context.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var model = new
        {
            milestone.Title,
            Initiative = $"{milestone.InitiativeNumber} {milestone.InitiativeTitle}",
            Due = DanishFormat.Date(milestone.DueDate),
            Status = milestone.StatusLabel,
            Owner = milestone.OwnerName,
            Message = message,
            Form = milestone.IsOpen || ticket.Action == AnswerAction.Comment
                ? new
                {
                    Action = AnswerLinks.PathFor(milestone.Id),
                    Antiforgery = new { Name = tokens.FormFieldName, Value = tokens.RequestToken },
                    Token = token,
                    Kind = ticket.Action.ToString(),
                    MinDate = Copenhagen.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    MaxDate = MilestoneAnswers.LatestNewDate(Copenhagen.Today(clock)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    // The form opens on the current due date only while that is a date the form accepts; a past
                    // deadline (the usual reason to answer) leaves it empty rather than proposing what it refuses.
                    Proposed = milestone.DueDate >= Copenhagen.Today(clock) && milestone.DueDate <= MilestoneAnswers.LatestNewDate(Copenhagen.Today(clock))
                        ? milestone.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : string.Empty,
                    MaxComment = MilestoneAnswers.MaxCommentLength,
                }
                : null,
            History = history.Select(a => new { At = DanishFormat.DateTime(a.AnsweredAt), By = ownerNames.GetValueOrDefault(a.OwnerKey, "ukendt ansvarlig"), Text = Describe(a) }).ToList(),
        };
        return PublicPage.Render(context.RequestServices.GetRequiredService<PageTemplates>(), "AnswerPage", milestone.Title, model, statusCode);
    }

    private sealed record AnswerMessage(bool Ok, string Text);

    /// <summary>An answer in one Danish line, for the history on this page and on the dashboard.</summary>
    public static string Describe(MilestoneAnswer answer) => answer.Action switch
    {
        AnswerAction.Done => "Markeret som udført",
        AnswerAction.NewDate => $"Ny dato: {DanishFormat.Date(answer.NewDueDate!.Value)} (før {DanishFormat.Date(answer.PreviousDueDate)})",
        _ => "Kommentar: " + answer.Comment,
    };
}
