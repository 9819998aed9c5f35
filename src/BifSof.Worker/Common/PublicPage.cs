
namespace BifSof.Worker.Common;

/// <summary>The shell of the pages outside the dashboard (login, answer links): Danish, readable on a phone.</summary>
internal static class PublicPage
{
    public static IResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(
            $$"""
            <!DOCTYPE html>
            <html lang="da">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="robots" content="noindex">
              <title>{{Html.Encode(title)}} – BifSofWorker</title>
              <style>
                body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; color: #1c2833; line-height: 1.5; }
                main { max-width: 34rem; margin: 6vh auto; background: #fff; padding: 1.5rem 2rem; border-radius: 6px; box-shadow: 0 1px 4px #0002; }
                h1 { font-size: 1.3rem; margin-top: 0; }
                label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
                input[type=text], input[type=password], input[type=date], textarea { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
                textarea { min-height: 7rem; }
                button { margin-top: 1.2rem; width: 100%; padding: .7rem; font-size: 1rem; background: #1a5276; color: #fff; border: 0; border-radius: 4px; }
                dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
                dt { color: #5d6d7e; }
                dd { margin: 0; }
                .error { color: #a93226; }
                .ok { color: #1e8449; }
                table { border-collapse: collapse; width: 100%; font-size: .9rem; }
                td, th { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e5e8e8; vertical-align: top; }
                @media (max-width: 30rem) { main { margin: 0; border-radius: 0; padding: 1rem; } }
              </style>
            </head>
            <body>
              <main>
            {{body}}
              </main>
            </body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: statusCode);
}
