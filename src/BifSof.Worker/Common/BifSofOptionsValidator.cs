using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Common;

/// <param name="environment">The host's environment: a demo date and weak settings are refused in Production. Null (tests): not Production.</param>
internal sealed class BifSofOptionsValidator(IHostEnvironment? environment) : IValidateOptions<BifSofOptions>
{
    public BifSofOptionsValidator()
        : this(null)
    {
    }

    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, BifSofOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            failures.Add("BifSof:PseudonymKey (BifSof__PseudonymKey) is missing: set a secret key of at least 32 characters.");
        }
        else if (options.PseudonymKey.Length < MinimumKeyLength)
        {
            failures.Add($"BifSof:PseudonymKey (BifSof__PseudonymKey) is too short: it needs at least {MinimumKeyLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            failures.Add("BifSof:PublicBaseUrl (BifSof__PublicBaseUrl) is missing: give the address users reach the worker at, e.g. https://bifsof.kk.dk.");
        }
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"BifSof:PublicBaseUrl (BifSof__PublicBaseUrl) is not an http(s) address: '{options.PublicBaseUrl}'.");
        }

        if (!Directory.Exists(options.TemplatesPath))
        {
            failures.Add($"BifSof:TemplatesPath (BifSof__TemplatesPath) names no folder: '{options.TemplatesPath}'.");
        }

        if (!File.Exists(options.CatalogueFile))
        {
            failures.Add($"BifSof:CatalogueFile (BifSof__CatalogueFile) names no file: '{options.CatalogueFile}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.DemoDate))
        {
            if (options.DemoDay is null)
            {
                failures.Add($"BifSof:DemoDate (BifSof__DemoDate) is not a date in the form YYYY-MM-DD: '{options.DemoDate}'.");
            }
            else if (environment?.IsProduction() == true)
            {
                failures.Add("BifSof:DemoDate (BifSof__DemoDate) is set in Production: a demo date moves the worker's clock and is for demos only; remove it.");
            }
        }

        if (environment?.IsProduction() == true)
        {
            failures.AddRange(ProductionFailures(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Fewest different characters a production key may have. Low enough for a random hex key (32 hex characters have
    /// about 14 different ones, fewer than 8 almost never), high enough to refuse a repeated character or a short
    /// pattern such as <c>abcd</c> repeated.
    /// </summary>
    public const int MinimumDistinctKeyCharacters = 8;

    private static readonly string[] Placeholders = ["changeme", "change-me", "change_me", "replace", "example", "secret", "password", "default", "todo", "xxxx"];

    /// <summary>
    /// What Production refuses on top of the everywhere-rules: a key that is a placeholder or repeats a few characters
    /// (<c>aaaa…</c>, <c>changeme-changeme-…</c>), and a public base URL that is not https (the answer links carry
    /// tokens). Checked only in Production, so demos and tests may use simple values.
    /// </summary>
    /// <summary>True when the key is a run of at most 16 characters repeated (<c>0123456789</c> three times and a bit).</summary>
    private static bool IsRepeated(string key)
    {
        for (var period = 1; period <= Math.Min(16, key.Length / 2); period++)
        {
            var repeated = true;
            for (var i = period; i < key.Length && repeated; i++)
            {
                repeated = key[i] == key[i - period];
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> ProductionFailures(BifSofOptions options)
    {
        if (options.PseudonymKey is { Length: >= MinimumKeyLength } key
            && (key.Distinct().Count() < MinimumDistinctKeyCharacters || IsRepeated(key) || Placeholders.Any(p => key.Contains(p, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"BifSof:PseudonymKey (BifSof__PseudonymKey) is a placeholder or too regular for Production (fewer than {MinimumDistinctKeyCharacters} different characters, a short run repeated, or a word like 'changeme'): use a random key, e.g. from 'openssl rand -base64 48'.";
        }

        if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"BifSof:PublicBaseUrl (BifSof__PublicBaseUrl) must be an https address in Production (the answer links carry their tokens): '{options.PublicBaseUrl}'.";
        }
    }
}
