using System.Globalization;
using System.Text;
using BifSof.Worker.Common;
using BifSof.Worker.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// The page a reminder's link opens: <c>GET /milepaele/ID/svar?t=TOKEN</c> shows the milestone, its history and a
/// form for the link's one action; <c>POST</c> records the answer. Opening a link changes nothing (mail scanners
/// open links); a tampered, expired or misplaced link gets a clear page and changes nothing either.
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
                return Refused(check);
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
                return Refused(check);
            }

            DateOnly? newDate = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
            var outcome = await answers.RecordAsync(ticket!, newDate, comment, context.RequestAborted);
            var message = outcome switch
            {
                AnswerOutcome.Recorded => "<p class=\"ok\" role=\"status\">Tak – dit svar er registreret.</p>",
                AnswerOutcome.AlreadyClosed => "<p class=\"ok\" role=\"status\">Milepælen er allerede afsluttet; intet er ændret.</p>",
                _ => ticket!.Action == AnswerAction.NewDate
                    ? "<p class=\"error\" role=\"alert\">Angiv en ny dato, i dag eller senere.</p>"
                    : $"<p class=\"error\" role=\"alert\">Skriv en kommentar på højst {MilestoneAnswers.MaxCommentLength} tegn.</p>",
            };
            return await PageAsync(db, context, antiforgery, clock, ticket!, token!, message, outcome == AnswerOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        }).AllowAnonymous();
    }

    private static IResult Refused(LinkCheck check) => check switch
    {
        LinkCheck.Expired => PublicPage.Render(
            "Linket er udløbet",
            "<h1>Linket er udløbet</h1><p>Linket i påmindelsen virker ikke længere. Brug linket i den seneste påmindelse, eller kontakt Specialenheden.</p><p>Intet er ændret.</p>",
            StatusCodes.Status410Gone),
        LinkCheck.WrongMilestone => PublicPage.Render(
            "Linket hører til en anden milepæl",
            "<h1>Linket hører til en anden milepæl</h1><p>Adressen er ændret, så linket ikke længere passer til milepælen. Brug linket, præcis som det står i påmindelsen.</p><p>Intet er ændret.</p>",
            StatusCodes.Status400BadRequest),
        _ => PublicPage.Render(
            "Linket er ugyldigt",
            "<h1>Linket er ugyldigt</h1><p>Linket er ufuldstændigt eller ændret. Brug linket, præcis som det står i påmindelsen.</p><p>Intet er ændret.</p>",
            StatusCodes.Status400BadRequest),
    };

    private static async Task<IResult> PageAsync(BifSofDbContext db, HttpContext context, IAntiforgery antiforgery, TimeProvider clock, AnswerTicket ticket, string token, string? message, int statusCode = StatusCodes.Status200OK)
    {
        var milestone = await db.ViewAsync(ticket.MilestoneId, context.RequestAborted);
        if (milestone is null)
        {
            return PublicPage.Render("Milepælen findes ikke", "<h1>Milepælen findes ikke længere</h1><p>Den er fjernet fra strategiens katalog. Intet er ændret.</p>", StatusCodes.Status404NotFound);
        }

        var history = await db.MilestoneAnswers.AsNoTracking()
            .Where(a => a.MilestoneId == milestone.Id)
            .OrderByDescending(a => a.AnsweredAt)
            .ToListAsync(context.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{H(milestone.Title)}</h1>");
        html.Append(message);
        html.Append(CultureInfo.InvariantCulture, $"<dl><dt>Initiativ</dt><dd>{H(milestone.InitiativeNumber)} {H(milestone.InitiativeTitle)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Frist</dt><dd>{H(DanishFormat.Date(milestone.DueDate))}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Status</dt><dd>{H(milestone.StatusLabel)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Ansvarlig</dt><dd>{H(milestone.OwnerName)}</dd></dl>");

        if (milestone.IsOpen || ticket.Action == AnswerAction.Comment)
        {
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{H(AnswerLinks.PathFor(milestone.Id))}\">");
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{H(tokens.RequestToken)}\">");
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"t\" value=\"{H(token)}\">");
            html.Append(ticket.Action switch
            {
                AnswerAction.Done => "<p>Er milepælen nået? Så markér den som udført; der kommer ikke flere påmindelser.</p><button type=\"submit\">Markér som udført</button>",
                AnswerAction.NewDate => $"<label for=\"dato\">Ny forventet dato</label><input id=\"dato\" name=\"dato\" type=\"date\" required min=\"{Copenhagen.Today(clock):yyyy-MM-dd}\" value=\"{milestone.DueDate:yyyy-MM-dd}\"><p>Påmindelserne flyttes til den nye dato.</p><button type=\"submit\">Gem ny dato</button>",
                _ => $"<label for=\"kommentar\">Kommentar</label><textarea id=\"kommentar\" name=\"kommentar\" maxlength=\"{MilestoneAnswers.MaxCommentLength}\" required></textarea><button type=\"submit\">Gem kommentar</button>",
            });
            html.Append("</form>");
        }

        if (history.Count > 0)
        {
            html.Append("<h2>Tidligere svar</h2><table><thead><tr><th>Hvornår</th><th>Hvem</th><th>Svar</th></tr></thead><tbody>");
            foreach (var answer in history)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{H(DanishFormat.DateTime(answer.AnsweredAt))}</td><td>{H(answer.OwnerKey)}</td><td>{H(Describe(answer))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return PublicPage.Render(milestone.Title, html.ToString(), statusCode);
    }

    /// <summary>An answer in one Danish line, for the history on this page and on the dashboard.</summary>
    public static string Describe(MilestoneAnswer answer) => answer.Action switch
    {
        AnswerAction.Done => "Markeret som udført",
        AnswerAction.NewDate => $"Ny dato: {DanishFormat.Date(answer.NewDueDate!.Value)} (før {DanishFormat.Date(answer.PreviousDueDate)})",
        _ => "Kommentar: " + answer.Comment,
    };

    private static string H(string? text) => Html.Encode(text);
}
