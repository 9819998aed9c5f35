using System.Text;
using BifSof.Worker.Features.Extracts;

namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Hand-made BIF and SOF extracts for tests. Every CPR here is a replacement number (day + 60): never a real person's.</summary>
public static class Extracts
{
    public const string BifHeader = "cpr;maaned;bif_sagsnr;jobcenter;matchmodel;matchgruppe;ledig;aktivering;aktiveringstype;aktivering_timer;jobplan_dato;ydelse_stop_dato;ydelse_stop_aarsag";

    public const string SofHeader = "cpr;maaned;sof_sagsnr;enhed;center;team;team_email;maalgruppe;handleplan_tilbudt;handleplan_udarbejdet;handleplan_type;handleplan_opfoelgning;groen_linie;koordinering";

    public static string Bif(
        string cpr, string month, string caseNumber, string model = "5", string group = "4", string unemployed = "ja", string activated = "nej",
        string type = "", string hours = "", string jobPlan = "", string stop = "", string reason = "") =>
        string.Join(';', cpr, month, caseNumber, "Jobcenter København", model, group, unemployed, activated, type, hours, jobPlan, stop, reason);

    public static string Sof(
        string cpr, string month, string caseNumber, string unit = "socialcenter_voksen", string centre = "Socialcenter Amager", string team = "Voksenteam 1",
        string email = "voksenteam1@sof.example.dk", string targetGroup = "misbrug", string offered = "", string produced = "", string planType = "",
        string followUp = "", string greenLine = "", string coordination = "") =>
        string.Join(';', cpr, month, caseNumber, unit, centre, team, email, targetGroup, offered, produced, planType, followUp, greenLine, coordination);

    public static string File(string header, params string[] rows) => string.Join("\n", [header, .. rows]) + "\n";

    public static string Write(TempFolder folder, string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder.Path, name);
        System.IO.File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    public static Encoding Windows1252 => ExtractEncoding.Windows1252;
}
