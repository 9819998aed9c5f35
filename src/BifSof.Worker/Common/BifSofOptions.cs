using System.Globalization;

namespace BifSof.Worker.Common;

/// <summary>The worker's own settings, section <c>BifSof</c>.</summary>
public sealed class BifSofOptions
{
    public const string Section = "BifSof";

    /// <summary>Secret key for the keyed CPR pseudonyms (HMAC). At least 32 characters; no default.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>
    /// The address users reach the worker at, e.g. <c>https://bifsof.kk.dk</c>: the base of the answer links in
    /// e-mails. Required.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Folder with the e-mail templates. Default: <c>templates</c> beside the binary.</summary>
    public string TemplatesPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>The strategy catalogue file. Default: the 2009–2011 strategy in <c>data</c> beside the binary.</summary>
    public string CatalogueFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "data", "strategy-2009-2011.yaml");

    /// <summary>
    /// Demo only: the day (<c>YYYY-MM-DD</c>) the worker's domain clock starts at when the process starts; it runs
    /// forward in real time from there (<see cref="DemoClock"/>). Unset: the real date. Refused in Production.
    /// </summary>
    public string? DemoDate { get; set; }

    /// <summary>The demo date, or null when unset or not a <c>YYYY-MM-DD</c> date (the validator refuses the latter).</summary>
    public DateOnly? DemoDay => ParseDemoDate(DemoDate);

    /// <summary>A demo date setting as a day; null when unset or not a <c>YYYY-MM-DD</c> date.</summary>
    public static DateOnly? ParseDemoDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
