using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Reads what reached a MailDev SMTP sink through its web API. Tests share one sink, so they filter by recipient.</summary>
public sealed class MailDevClient(Uri web) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = web, Timeout = TimeSpan.FromSeconds(10) };

    public static MailDevClient Shared() => new(TestEnvironment.MailDevWeb);

    public async Task<IReadOnlyList<MailDevEmail>> ForRecipientAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<List<MailDevEmail>>("/email", JsonOptions) ?? [];
        return all.Where(e => e.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> e-mails reached the recipient (MailDev stores asynchronously).</summary>
    public async Task<IReadOnlyList<MailDevEmail>> WaitForAsync(string address, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = await ForRecipientAsync(address);
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed class MailDevEmail
{
    public string Id { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string? Html { get; set; }

    public string? Text { get; set; }

    public string? MessageId { get; set; }

    public List<MailDevAddress> To { get; set; } = [];

    public List<MailDevAttachment>? Attachments { get; set; }

    public Dictionary<string, JsonElement> Headers { get; set; } = [];
}

public sealed class MailDevAddress
{
    public string Address { get; set; } = string.Empty;

    public string? Name { get; set; }
}

public sealed class MailDevAttachment
{
    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    [JsonPropertyName("generatedFileName")]
    public string? GeneratedFileName { get; set; }

    /// <summary>The part's Content-ID, without the angle brackets MailDev may keep.</summary>
    [JsonPropertyName("contentId")]
    public string? ContentId { get; set; }

    /// <summary>MD5 of the decoded content, as MailDev's parser computes it.</summary>
    [JsonPropertyName("checksum")]
    public string? Checksum { get; set; }
}
