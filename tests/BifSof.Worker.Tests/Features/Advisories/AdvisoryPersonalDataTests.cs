using System.Text.RegularExpressions;
using BifSof.Worker.Data;
using BifSof.Worker.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static BifSof.Worker.Tests.Features.Advisories.AdvisoryTestBed;
using static BifSof.Worker.Tests.Fixtures.Extracts;

namespace BifSof.Worker.Tests.Features.Advisories;

/// <summary>Advisories and notices identify citizens by case number only: no CPR and no pseudonym, as queued and as delivered.</summary>
public sealed partial class AdvisoryPersonalDataTests : IAsyncLifetime
{
    private readonly AdvisoryTestBed _bed = new();

    public Task InitializeAsync() => _bed.InitializeAsync();

    public Task DisposeAsync() => _bed.DisposeAsync();

    // Ten digits, or six, a hyphen and four: the two ways an extract may write a CPR.
    [GeneratedRegex(@"\d{6}-?\d{4}")]
    private static partial Regex CprShaped();

    [Fact]
    public async Task Emails_CarryCaseNumbersButNoCprOrPseudonym_WhenQueuedAndDelivered()
    {
        const string m = "2010-03";
        var team = $"behandlingsteam.{_bed.Run}@sof.example.dk";
        var citizens = Enumerable.Range(0, 10).ToList();
        await _bed.ImportAsync("bif_2010-03.csv", File(BifHeader, citizens.Select(n => Bif(
            // Half the CPRs written with a hyphen, as extracts may; every citizen's benefit stopped.
            n % 2 == 0 ? Cpr(n) : Cpr(n)[..6] + "-" + Cpr(n)[6..], m, $"BIF-{1000 + n}", stop: "2010-03-15", reason: "udeblivelse")).ToArray()));
        await _bed.ImportAsync("sof_2010-03.csv", File(SofHeader, citizens.Select(n => Sof(
            Cpr(n), m, $"SOF-{2000 + n}", unit: "raadgivningscenter_behandling", centre: "Rådgivningscenter København", team: "Behandlingsteam", email: team, coordination: "ja")).ToArray()));

        await _bed.RunAsync("benefit-stop-advisories", "2010-04-06");
        await _bed.RunAsync("coordination-meetings", "2010-04-06");
        await _bed.DispatchAsync();

        var pseudonyms = await _bed.QueryAsync(db => db.SharedCitizens.Select(c => c.Pseudonym).ToListAsync());
        var hex = pseudonyms.SelectMany(p => new[] { Convert.ToHexStringLower(p), Convert.ToHexString(p), Convert.ToBase64String(p) }).ToList();
        var queued = await _bed.QueryAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(11, queued.Count);
        using var mailDev = MailDevClient.Shared();
        var delivered = await mailDev.WaitForAsync(team, 11);
        Assert.Equal(11, delivered.Count);

        var texts = queued.SelectMany(q => new[] { q.BusinessKey, q.Subject, q.HtmlBody, q.TextBody })
            .Concat(delivered.SelectMany(d => new[] { d.Subject, d.Html ?? string.Empty, d.Text ?? string.Empty }))
            .ToList();
        Assert.All(citizens, n => Assert.Contains(texts, t => t.Contains($"SOF-{2000 + n}", StringComparison.Ordinal)));
        Assert.All(texts, t => Assert.DoesNotMatch(CprShaped(), t));
        Assert.All(texts, t => Assert.DoesNotContain(hex, h => t.Contains(h, StringComparison.Ordinal)));
    }
}
