using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Retention;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public const int MinimumYears = 1;
    public const int MaximumYears = 100;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Years is < MinimumYears or > MaximumYears
            ? ValidateOptionsResult.Fail($"Retention:Years (Retention__Years) must be between {MinimumYears} and {MaximumYears}.")
            : ValidateOptionsResult.Success;
}
