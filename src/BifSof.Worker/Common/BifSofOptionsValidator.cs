using Microsoft.Extensions.Options;

namespace BifSof.Worker.Common;

/// <param name="environment">The host's environment: a demo date is refused in Production. Null (tests): not Production.</param>
internal sealed class BifSofOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<BifSofOptions>
{
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
