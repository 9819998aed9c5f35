using System.Security.Cryptography;
using System.Text.Json;
using BifSof.Worker.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Milestones;

/// <summary>
/// Signed, expiring answer links. The ticket is encrypted and authenticated with the worker's data-protection keys
/// (kept in PostgreSQL, shared by every process); the expiry is inside it. The clock is the wall clock (see the
/// registration), so a link issued by a replayed day still lives its full lifetime from when it was issued.
/// </summary>
public sealed class AnswerLinks(IDataProtectionProvider protection, IOptions<BifSofOptions> options, IOptions<MilestoneOptions> rules, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("BifSof.Milestones.AnswerLink.v1");

    public static string PathFor(string milestoneId) => $"/milepaele/{Uri.EscapeDataString(milestoneId)}/svar";

    /// <summary>A link for one action, valid for <see cref="MilestoneOptions.LinkLifetimeDays"/> from now.</summary>
    public Uri Create(string milestoneId, string ownerKey, AnswerAction action)
    {
        var ticket = new AnswerTicket(milestoneId, ownerKey, action, ExpiresAt());
        var token = WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(ticket)));
        return new Uri(new Uri(options.Value.PublicBaseUrl!), $"{PathFor(milestoneId)}?t={token}");
    }

    public DateTimeOffset ExpiresAt() => clock.GetUtcNow().AddDays(rules.Value.LinkLifetimeDays);

    /// <summary>Checks a token opened on the page of <paramref name="milestoneId"/>.</summary>
    public LinkCheck Check(string milestoneId, string? token, out AnswerTicket? ticket)
    {
        ticket = null;
        if (string.IsNullOrEmpty(token))
        {
            return LinkCheck.Tampered;
        }

        try
        {
            ticket = JsonSerializer.Deserialize<AnswerTicket>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return LinkCheck.Tampered;
        }

        if (ticket is null)
        {
            return LinkCheck.Tampered;
        }

        if (!string.Equals(ticket.MilestoneId, milestoneId, StringComparison.Ordinal))
        {
            return LinkCheck.WrongMilestone;
        }

        return ticket.ExpiresAt <= clock.GetUtcNow() ? LinkCheck.Expired : LinkCheck.Valid;
    }
}
