using Microsoft.Extensions.Configuration;

namespace BifSof.Worker.Features.Catalogue;

/// <summary>
/// The real addresses configuration puts over the catalogue's placeholders, in two forms:
/// <list type="bullet">
/// <item>by key, <c>Catalogue:Owners:sof-bif:Email</c> (environment: <c>Catalogue__Owners__sof-bif__Email</c>) — the
/// key is part of the name, so a POSIX shell cannot <c>export</c> it when the key has a hyphen, a colon or a space;</item>
/// <item>as a list, <c>Catalogue:Owners:0:Key</c> = <c>sof-bif</c> and <c>Catalogue:Owners:0:Email</c> (environment:
/// <c>Catalogue__Owners__0__Key</c>, <c>Catalogue__Owners__0__Email</c>; appsettings: an array of objects with
/// <c>Key</c>) — only letters, digits and underscores in the names, so every shell can set it.</item>
/// </list>
/// An entry of the list form wins over the by-key form for the same key. <c>Addresses</c> works the same way.
/// </summary>
internal sealed class CatalogueOverrides
{
    private readonly IConfiguration _configuration;
    private readonly Dictionary<string, IConfigurationSection> _owners;
    private readonly Dictionary<string, IConfigurationSection> _addresses;

    public CatalogueOverrides(IConfiguration configuration)
    {
        _configuration = configuration;
        _owners = Listed(configuration.GetSection("Catalogue:Owners"));
        _addresses = Listed(configuration.GetSection("Catalogue:Addresses"));
    }

    public string? OwnerEmail(string key) => Value(_owners, "Owners", key, "Email");

    public string? OwnerEscalationEmail(string key) => Value(_owners, "Owners", key, "EscalationEmail");

    public string? AddressEmail(string key) => Value(_addresses, "Addresses", key, "Email");

    /// <summary>Keys of the list form that name no owner or address of the catalogue (a typo, most likely).</summary>
    public IEnumerable<string> Unknown(IEnumerable<string> owners, IEnumerable<string> addresses) =>
        _owners.Keys.Except(owners, StringComparer.Ordinal).Select(k => "Owners: " + k)
            .Concat(_addresses.Keys.Except(addresses, StringComparer.Ordinal).Select(k => "Addresses: " + k));

    private string? Value(Dictionary<string, IConfigurationSection> listed, string kind, string key, string field)
    {
        var value = listed.TryGetValue(key, out var entry) ? entry[field] : null;
        value ??= _configuration[$"Catalogue:{kind}:{key}:{field}"];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The list form: every child with a <c>Key</c>, by that key (a later child wins over an earlier one).</summary>
    private static Dictionary<string, IConfigurationSection> Listed(IConfigurationSection section)
    {
        var entries = new Dictionary<string, IConfigurationSection>(StringComparer.Ordinal);
        foreach (var child in section.GetChildren())
        {
            if (child["Key"] is { } key && !string.IsNullOrWhiteSpace(key))
            {
                entries[key.Trim()] = child;
            }
        }

        return entries;
    }
}
