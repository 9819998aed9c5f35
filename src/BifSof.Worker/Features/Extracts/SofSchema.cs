using System.Runtime.CompilerServices;
using MimeKit;

namespace BifSof.Worker.Features.Extracts;

/// <summary>The SOF extract's columns and rules (docs/extracts.md).</summary>
internal static class SofSchema
{
    public const string OtherUnit = "andet";

    public static readonly string[] Units =
        ["socialcenter_voksen", "raadgivningscenter_behandling", "raadgivningscenter_modtager", "handicapcenter_voksen", OtherUnit];

    public static readonly string[] TargetGroups = ["handicap", "misbrug", "psykisk_socialt_udsat"];

    public static readonly string[] PlanTypes = ["handleplan", "procesnotat"];

    public static readonly string[] Required =
        ["cpr", "maaned", "sof_sagsnr", "enhed", "center", "team", "team_email", "maalgruppe"];

    public static readonly string[] Optional =
        ["handleplan_tilbudt", "handleplan_udarbejdet", "handleplan_type", "handleplan_opfoelgning", "groen_linie", "koordinering"];

    /// <summary>The row as it is stored (its file not yet known), or null when any field is refused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SofRow? Read(RowReader row, DateOnly month, CprPseudonyms pseudonyms)
    {
        var cpr = row.Cpr("cpr");
        var caseNumber = row.Text("sof_sagsnr", required: true, maxLength: 30);
        var unit = row.OneOf("enhed", required: true, Units);
        var centre = row.Text("center", required: true);
        var team = row.Text("team", required: true);
        var email = row.Text("team_email", required: true, maxLength: 254);
        if (email is not null && (!MailboxAddress.TryParse(email, out var address) || !address.Address.Contains('@', StringComparison.Ordinal)))
        {
            row.Fail("team_email", email, "ikke en e-mailadresse");
        }

        var targetGroup = row.OneOf("maalgruppe", required: true, TargetGroups);
        var offered = row.Date("handleplan_tilbudt", required: false);
        var produced = row.Date("handleplan_udarbejdet", required: false);
        var planType = row.OneOf("handleplan_type", required: produced is not null, PlanTypes);
        var followUp = row.Date("handleplan_opfoelgning", required: false);
        var greenLine = row.Boolean("groen_linie", required: false) ?? false;
        var coordination = row.Boolean("koordinering", required: false) ?? false;
        if (row.Failed)
        {
            return null;
        }

        return new SofRow
        {
            Month = month,
            Pseudonym = pseudonyms.For(cpr!),
            Line = row.Line,
            CaseNumber = caseNumber!,
            Unit = unit!,
            Centre = centre!,
            Team = team!,
            TeamEmail = email!,
            TargetGroup = targetGroup!,
            PlanOffered = offered,
            PlanProduced = produced,
            PlanType = planType,
            PlanFollowUp = followUp,
            GreenLine = greenLine,
            Coordination = coordination,
        };
    }
}
