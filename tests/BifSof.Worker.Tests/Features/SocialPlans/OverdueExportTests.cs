using BifSof.Worker.Features.SocialPlans;

namespace BifSof.Worker.Tests.Features.SocialPlans;

public class OverdueExportTests
{
    private static readonly OverdueCase Quoted =
        new("SOF-1", "Team \"Øst\"; akut", "akut@sof.example.dk", OverdueKind.FollowUp, new DateOnly(2010, 3, 1), 16, true, "Socialcenter Østerbro");

    [Fact]
    public void ToCsv_WritesExcelsDanishCsv_WithABomSemicolonsAndOneCaseARow()
    {
        var csv = OverdueExport.ToCsv([Quoted]);

        Assert.Equal(
            "\uFEFFsof-sagsnummer;center;team;team-e-mail;mangler;frist;dage over frist;grøn linie\r\n"
            + "SOF-1;Socialcenter Østerbro;\"Team \"\"Øst\"\"; akut\";akut@sof.example.dk;Opfølgning ikke foretaget;2010-03-01;16;ja\r\n",
            csv);
    }

    [Fact]
    public void ToCsv_DisarmsAFieldExcelWouldReadAsAFormula()
    {
        var csv = OverdueExport.ToCsv([Quoted with { Team = "=HYPERLINK(\"x\")" }]);

        Assert.Contains(";\"'=HYPERLINK(\"\"x\"\")\";", csv, StringComparison.Ordinal);
    }
}
