using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Features.Digest;

/// <summary>
/// "Indlæsninger"'s column "Opfølgning": a month whose shared citizens moved too much is held back, and an admin
/// confirms it there (<see cref="DigestHolds"/>).
/// </summary>
internal sealed class DigestMonthStatus(DigestHolds holds) : IMonthStatus
{
    /// <summary>The admins' command that confirms a held month (route group <c>month</c>, <c>YYYY-MM</c>).</summary>
    public const string ConfirmPath = "/opfoelgning/bekraeft";

    public string Heading => "Opfølgning";

    public async Task<IReadOnlyDictionary<DateOnly, MonthNote>> ReadAsync(DashboardRequest request, CancellationToken cancellationToken) =>
        (await holds.EvaluateAsync(cancellationToken))
            .Where(h => h.Reason is not null)
            .ToDictionary(h => h.Month, h => Note(h, request));

    private static MonthNote Note(MonthHold hold, DashboardRequest request)
    {
        if (!hold.Held)
        {
            return new MonthNote($"{hold.Reason}; bekræftet af {hold.ConfirmedBy}, {DanishFormat.DateTime(hold.ConfirmedAt!.Value)}");
        }

        var name = DanishFormat.Month(hold.Month.Year, hold.Month.Month);
        return new MonthNote(
            $"⚠ Holdt tilbage: {hold.Reason}. Månedens opfølgning til SOF venter, til en administrator bekræfter tallene, eller en rettet fil erstatter måneden.",
            Warning: true,
            new MonthAction(
                request.Url($"{ConfirmPath}/{ExtractValues.FormatMonth(hold.Month)}"),
                "Bekræft måneden",
                $"Bekræft, at tallene for {name} er rigtige, så opfølgningen sendes?"));
    }
}
