namespace BifSof.Worker.Features.Mail;

/// <summary>
/// The kind of e-mail in Danish for "Udsendelser", by its template, so the page never shows a template id. A template
/// not named here is shown as "Anden e-mail" rather than by its id.
/// </summary>
public static class EmailKinds
{
    public static string Name(string template) => template switch
    {
        "benefit-stop-advisory" => "Besked om stoppet ydelse",
        "coordination-notice" => "Besked om koordinationsmøde",
        "digest-centre" => "Månedlig opfølgning til center",
        "digest-management" => "Månedlig opfølgning til ledelsen",
        "milestone-escalation" => "Milepæl: eskalering",
        "milestone-overview" => "Milepæle: ugeoversigt",
        "milestone-reminder" => "Milepæl: påmindelse",
        "social-plan-chase" => "Rykker for sociale handleplaner",
        "social-plan-escalation" => "Eskalering af sociale handleplaner",
        "testmail" => "Prøve-e-mail",
        _ => "Anden e-mail",
    };
}
