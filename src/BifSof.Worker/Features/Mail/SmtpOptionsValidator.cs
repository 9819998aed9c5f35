using Microsoft.Extensions.Options;
using MimeKit;

namespace BifSof.Worker.Features.Mail;

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Smtp:Host (Smtp__Host) is missing: name the SMTP server that delivers the outbox.");
        }
        else if (Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"Smtp:Host (Smtp__Host) is not a host name: '{options.Host}'.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port (Smtp__Port) must be between 1 and 65535, not {options.Port}.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Smtp:From (Smtp__From) is missing: give the sender address, e.g. 'BifSofWorker <bifsof@kk.dk>'.");
        }
        else if (!MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"Smtp:From (Smtp__From) is not an e-mail address: '{options.From}'.");
        }

        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Smtp:Password (Smtp__Password) is missing: Smtp:User is set.");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add("Smtp:TimeoutSeconds (Smtp__TimeoutSeconds) must be between 1 and 600.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Smtp:BatchSize (Smtp__BatchSize) must be between 1 and 1000.");
        }

        if (options.Sessions is < 1 or > 16)
        {
            failures.Add($"Smtp:Sessions (Smtp__Sessions) must be between 1 and 16, not {options.Sessions}.");
        }

        if (options.ClaimSeconds != 0 && (options.ClaimSeconds < 2 * options.TimeoutSeconds || options.ClaimSeconds > 86_400))
        {
            failures.Add("Smtp:ClaimSeconds (Smtp__ClaimSeconds) must be at least twice Smtp:TimeoutSeconds and at most 86400 (or unset: 120 s, or twice the timeout when that is more).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add("Smtp:MaxAttempts (Smtp__MaxAttempts) must be between 1 and 100.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
