using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Extracts;

internal sealed class ExtractOptionsValidator : IValidateOptions<ExtractOptions>
{
    public ValidateOptionsResult Validate(string? name, ExtractOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.InboxPath))
        {
            return ValidateOptionsResult.Fail("Extracts:InboxPath (Extracts__InboxPath) is empty: name the folder extracts are dropped into.");
        }

        if (options.InboxPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail($"Extracts:InboxPath (Extracts__InboxPath) is not a path: '{options.InboxPath}'.");
        }

        return options.MinimumFileAgeSeconds is < 0 or > 3600
            ? ValidateOptionsResult.Fail("Extracts:MinimumFileAgeSeconds (Extracts__MinimumFileAgeSeconds) must be between 0 and 3600.")
            : ValidateOptionsResult.Success;
    }
}
