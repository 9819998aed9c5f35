using Microsoft.Playwright;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// Waiting for a dashboard page after a click, a form or a sign-in has navigated to it. Not by the "load" event: CI once
/// timed out waiting for "load" after the page had reached network idle. Instead the navigation has to commit to the
/// expected address, the page has to show its own heading, and Hangfire's footer, the end of the layout, has to be
/// there, so what a test reads next without waiting (content, counts) is the whole page.
/// </summary>
public static class PageNavigation
{
    /// <summary>As long as a page may take on a busy CI machine; Playwright's own default for navigations.</summary>
    private const float Timeout = 30_000;

    /// <summary>Waits until <paramref name="page"/> is at <paramref name="urlGlob"/> and shows the level-1 heading <paramref name="heading"/>.</summary>
    public static async Task NavigatedToAsync(this IPage page, string urlGlob, string heading)
    {
        try
        {
            await page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            throw new XunitException($"The page did not navigate to {urlGlob}; it is at {page.Url}.");
        }

        try
        {
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = heading, Exact = true, Level = 1 }))
                .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Timeout });
        }
        catch (PlaywrightException e)
        {
            var headings = await page.Locator("h1").AllInnerTextsAsync();
            throw new XunitException(
                $"The page navigated to {page.Url} but does not show the heading \"{heading}\"; " +
                $"level-1 headings shown: [{string.Join(" | ", headings.Select(h => $"\"{h.Trim()}\""))}].{Environment.NewLine}{e.Message}");
        }

        try
        {
            await Expect(page.Locator("#footer")).ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = Timeout });
        }
        catch (PlaywrightException e)
        {
            throw new XunitException(
                $"The page at {page.Url} shows its heading \"{heading}\" but never the end of the layout (#footer).{Environment.NewLine}{e.Message}");
        }
    }
}
