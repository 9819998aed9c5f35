using System.Globalization;
using System.Text;
using BifSof.Worker.Common;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>What one run of <c>social-plan-chase</c> queued, what it skipped and why.</summary>
public sealed record ChaseReport(
    DateOnly Day,
    DateOnly? DataMonth,
    int OverdueCases,
    int Addresses,
    IReadOnlyList<QueuedChaser> Chasers,
    IReadOnlyList<SkippedAddress> Skipped,
    IReadOnlyList<QueuedEscalation> Escalations,
    int AlreadyEscalated,
    int QueuedBefore)
{
    public int CasesEscalated => Escalations.Sum(e => e.Cases);

    /// <summary>The run's report in Danish, as the job's dashboard page and <c>run social-plan-chase</c> show it.</summary>
    public string Text
    {
        get
        {
            var day = DanishFormat.Date(Day);
            if (DataMonth is not { } month)
            {
                return $"{day}: ingen måned med begge udtræk matchet til og med {DanishFormat.Month(Day.Year, Day.Month)}; intet at rykke for.";
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{day} (udtræk {DanishFormat.Month(month.Year, month.Month)}): {Cases(OverdueCases)} over frist hos {Count(Addresses, "teamadresse", "teamadresser")}. ");
            if (Chasers.Count == 0 && Escalations.Count == 0)
            {
                text.Append("Intet lagt i udbakken.");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"Lagt i udbakken: {Count(Chasers.Count, "rykker", "rykkere")} ({Cases(Chasers.Sum(c => c.Cases))})");
                if (Escalations.Count > 0)
                {
                    var toLeaders = Escalations.Where(e => e.RecipientKey != Catalogue.CatalogueAddress.SpecialUnit).Sum(e => e.Cases);
                    var parts = new List<string>();
                    if (toLeaders > 0)
                    {
                        parts.Add($"{DanishFormat.Number(toLeaders)} til centerleder");
                    }

                    if (CasesEscalated - toLeaders > 0)
                    {
                        parts.Add($"{DanishFormat.Number(CasesEscalated - toLeaders)} til Specialenheden");
                    }

                    text.Append(CultureInfo.InvariantCulture, $", {Count(Escalations.Count, "eskalering", "eskaleringer")} ({Cases(CasesEscalated)}: {string.Join(", ", parts)})");
                }

                text.Append('.');
            }

            var skipped = new List<string>();
            if (Skipped.Count > 0)
            {
                // By the day of the chaser that holds them back; the addresses themselves are in Skipped.
                var byDay = Skipped
                    .GroupBy(a => a.ChasedOn)
                    .OrderByDescending(g => g.Key)
                    .Select(g => $"{DanishFormat.Number(g.Count())} rykket {DanishFormat.Date(g.Key)}");
                skipped.Add($"{Count(Skipped.Count, "teamadresse", "teamadresser")}, der har fået en rykker inden for {Skipped[0].EveryDays} dage ({string.Join(", ", byDay)})");
            }

            if (AlreadyEscalated > 0)
            {
                skipped.Add($"{Cases(AlreadyEscalated)}, der allerede er eskaleret (eskaleres kun én gang)");
            }

            if (QueuedBefore > 0)
            {
                skipped.Add($"{Count(QueuedBefore, "e-mail", "e-mails")}, der lå i udbakken i forvejen");
            }

            if (skipped.Count > 0)
            {
                text.Append(" Sprunget over: ").AppendJoin("; ", skipped).Append('.');
            }

            return text.ToString();
        }
    }

    public override string ToString() => Text;

    private static string Cases(int n) => Count(n, "sag", "sager");

    private static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{DanishFormat.Number(n)} {(n == 1 ? one : many)}");
}

/// <summary>A chaser queued to a team address, listing this many cases.</summary>
public sealed record QueuedChaser(string TeamEmail, int Cases, int GreenLineCases);

/// <summary>A team address with overdue cases that got no chaser: it had one within <paramref name="EveryDays"/> days.</summary>
public sealed record SkippedAddress(string TeamEmail, int Cases, DateOnly ChasedOn, int EveryDays);

/// <summary>An escalation e-mail queued to a catalogue address, listing this many cases.</summary>
public sealed record QueuedEscalation(string RecipientKey, string RecipientEmail, int Cases);
