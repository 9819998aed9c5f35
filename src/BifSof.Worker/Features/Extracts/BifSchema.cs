using System.Runtime.CompilerServices;
namespace BifSof.Worker.Features.Extracts;

/// <summary>The BIF extract's columns and rules (docs/extracts.md).</summary>
internal static class BifSchema
{
    public static readonly string[] ActivationTypes =
        ["virksomhedspraktik", "loentilskud", "vejledning_opkvalificering", "revalidering", "forrevalidering", "andet"];

    public static readonly string[] Required =
        ["cpr", "maaned", "bif_sagsnr", "jobcenter", "matchmodel", "matchgruppe", "ledig", "aktivering"];

    public static readonly string[] Optional =
        ["aktiveringstype", "aktivering_timer", "jobplan_dato", "ydelse_stop_dato", "ydelse_stop_aarsag"];

    /// <summary>The row as it is stored (its file not yet known), or null when any field is refused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BifRow? Read(RowReader row, DateOnly month, CprPseudonyms pseudonyms)
    {
        var cpr = row.Cpr("cpr");
        var caseNumber = row.Text("bif_sagsnr", required: true, maxLength: 30);
        var jobcentre = row.Text("jobcenter", required: true);
        var model = row.Integer("matchmodel", required: true, 3, 5);
        if (model is 4)
        {
            row.Fail("matchmodel", "4", "matchmodellen er 5 (indtil 2010) eller 3 (fra april 2010)");
            model = null;
        }

        var group = row.Integer("matchgruppe", required: true, 1, 5);
        if (model is { } m && group is { } g && !MatchGroups.IsValid((short)m, (short)g))
        {
            row.Fail("matchgruppe", g.ToString(System.Globalization.CultureInfo.InvariantCulture), $"matchgruppe {g} findes ikke i matchmodel {m} (1–{m})");
            group = null;
        }

        var unemployed = row.Boolean("ledig", required: true);
        var activated = row.Boolean("aktivering", required: true);
        var activationType = row.OneOf("aktiveringstype", required: activated == true, ActivationTypes);
        var hours = row.Number("aktivering_timer", required: false, 0, 37);
        var jobPlan = row.Date("jobplan_dato", required: false);
        var stop = row.Date("ydelse_stop_dato", required: false);
        var reason = row.Text("ydelse_stop_aarsag", required: false);
        if (row.Failed)
        {
            return null;
        }

        return new BifRow
        {
            Month = month,
            Pseudonym = pseudonyms.For(cpr!),
            Line = row.Line,
            CaseNumber = caseNumber!,
            Jobcentre = jobcentre!,
            MatchModel = (short)model!.Value,
            MatchGroup = (short)group!.Value,
            NormalizedGroup = MatchGroups.Normalize((short)model.Value, (short)group.Value),
            Unemployed = unemployed!.Value,
            Activated = activated!.Value,
            ActivationType = activationType,
            ActivationHours = hours,
            JobPlanDate = jobPlan,
            BenefitStopDate = stop,
            BenefitStopReason = reason,
        };
    }
}
