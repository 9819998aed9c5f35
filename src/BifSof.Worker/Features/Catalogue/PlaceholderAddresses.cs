using MimeKit;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// The catalogue's addresses that are still placeholders, as Production must not start with them: an address whose
/// domain is a reserved example domain (RFC 2606 / RFC 6761: <c>example.com</c>, <c>example.net</c>,
/// <c>example.org</c> and their subdomains, and any name under the top-level domain <c>.example</c>) or the domain the
/// shipped catalogue's placeholders use, <c>example.dk</c> and its subdomains (<c>bifsof.example.dk</c>).
/// </summary>
public static class PlaceholderAddresses
{
    private static readonly string[] Domains = ["example.com", "example.net", "example.org", "example", "example.dk"];

    /// <summary>True when the address's domain is one of the example domains or under one.</summary>
    public static bool IsPlaceholder(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var text = MailboxAddress.TryParse(address, out var mailbox) ? mailbox.Address : address;
        var at = text.LastIndexOf('@');
        var domain = (at >= 0 ? text[(at + 1)..] : text).Trim().TrimEnd('.').ToLowerInvariant();
        return Domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>
    /// One sentence per placeholder left after configuration's overrides, naming the owner or address and the
    /// variables that set the real address (the list form, which every shell can export).
    /// </summary>
    internal static List<string> Find(CatalogueDocument document, CatalogueOverrides overrides)
    {
        var found = new List<string>();
        foreach (var owner in document.Owners)
        {
            var key = owner.Key!;
            var email = overrides.OwnerEmail(key) ?? owner.Email;
            if (IsPlaceholder(email))
            {
                found.Add($"owner '{key}' ({owner.Name}) has the placeholder address {email}: set Catalogue__Owners__N__Key={key} and Catalogue__Owners__N__Email (N = 0, 1, …)");
            }

            var escalation = overrides.OwnerEscalationEmail(key) ?? owner.EscalationEmail;
            if (IsPlaceholder(escalation))
            {
                found.Add($"owner '{key}' ({owner.Name}) has the placeholder escalation address {escalation}: set Catalogue__Owners__N__Key={key} and Catalogue__Owners__N__EscalationEmail");
            }
        }

        foreach (var address in document.Addresses)
        {
            var key = address.Key!;
            var email = overrides.AddressEmail(key) ?? address.Email;
            if (IsPlaceholder(email))
            {
                found.Add($"address '{key}' ({address.Name}) has the placeholder address {email}: set Catalogue__Addresses__N__Key={key} and Catalogue__Addresses__N__Email");
            }
        }

        return found;
    }
}
