using Microsoft.Extensions.Options;

namespace BifSof.Worker.Hosting;

internal sealed class BifSofOptionsValidator : IValidateOptions<BifSofOptions>
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

        if (!Directory.Exists(options.TemplatesPath))
        {
            failures.Add($"BifSof:TemplatesPath (BifSof__TemplatesPath) names no folder: '{options.TemplatesPath}'.");
        }

        if (!File.Exists(options.CatalogueFile))
        {
            failures.Add($"BifSof:CatalogueFile (BifSof__CatalogueFile) names no file: '{options.CatalogueFile}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
