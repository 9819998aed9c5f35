using BifSof.Worker.Features.Catalogue;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Catalogue;

/// <summary>
/// The shipped catalogue says only what the seeds say (issue 13, items 1–5), and the reader refuses a malformed
/// source, history entry or baseline with the file and the line.
/// </summary>
public class CatalogueSourcesTests
{
    private static readonly CatalogueDocument Strategy = CatalogueFile.Read(Repository.Catalogue);

    private static IEnumerable<CatalogueMilestone> Milestones => Strategy.Initiatives.SelectMany(i => i.Milestones);

    private static CatalogueMilestone Milestone(string id) => Milestones.Single(m => m.Id == id);

    private static string Document(CatalogueSource? source) => source!.Document!;

    [Fact]
    public void Read_FindsASourceWithDocumentSectionAndQuote_ForEveryMilestoneAndEveryHistoryEntry()
    {
        var documents = Strategy.Documents.Select(d => d.Key).ToHashSet();
        var sources = Milestones.Select(m => (m.Id, m.Source))
            .Concat(Milestones.SelectMany(m => m.History.Select(h => (m.Id, h.Source))))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s =>
        {
            Assert.NotNull(s.Source);
            Assert.Contains(s.Source.Document, documents);
            Assert.False(string.IsNullOrWhiteSpace(s.Source.Section), $"{s.Id}: no section");
            Assert.False(string.IsNullOrWhiteSpace(s.Source.Quote), $"{s.Id}: no quote");
        });
    }

    [Fact]
    public void EveryQuote_OccursInItsDocumentsSeed_WithWhitespaceNormalised()
    {
        // The seeds are in the repository (data/seeds), so this check always runs: no quote can drift from its source.
        var seeds = Strategy.Documents.ToDictionary(d => d.Key!, d => Normalised(File.ReadAllText(Path.Combine(Repository.Seeds, d.Seed + ".txt"))), StringComparer.Ordinal);
        var sources = Milestones.Select(m => (What: m.Id!, m.Source))
            .Concat(Milestones.SelectMany(m => m.History.Select(h => (What: $"{m.Id} (history)", h.Source))))
            .Concat(Strategy.Baselines.Select(b => (What: $"baseline {b.Id}", b.Source)))
            .ToList();

        Assert.Equal(5, seeds.Count);
        Assert.All(seeds.Values, text => Assert.True(text.Length > 1000));
        Assert.True(sources.Count > 50, $"only {sources.Count} quotes");
        var missing = sources.Where(s => !seeds[s.Source!.Document!].Contains(Normalised(s.Source.Quote!), StringComparison.Ordinal))
            .Select(s => $"{s.What}: »{s.Source!.Quote}« not in {s.Source.Document}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void TheOcrDocumentsMilepaeleNames_AreExactlyTheSeedsWithoutDanishLetters()
    {
        // The OCR readings lost every æ, ø and å ("fazlles", "pa"); the clean texts have hundreds. Milepæle's header
        // names Bilag 1 and the joint recommendation as OCR readings: they must be the seeds that show it.
        var ocr = Strategy.Documents
            .Where(d => !File.ReadAllText(Path.Combine(Repository.Seeds, d.Seed + ".txt")).Any(c => "æøåÆØÅ".Contains(c, StringComparison.Ordinal)))
            .Select(d => d.Key!)
            .Order(StringComparer.Ordinal);
        var header = File.ReadAllText(Path.Combine(Repository.Root, "src", "BifSof.Worker", "Features", "Milestones", "MilestonesPage.html.sbn"));

        Assert.Equal(["bilag1", "indstilling"], ocr);
        Assert.Contains("Bilag 1 og fællesindstillingen findes kun som OCR-læsning", header, StringComparison.Ordinal);
    }

    private static string Normalised(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Read_FindsNoMilestoneOutsideThePeriod_NeitherItsOwnDateNorAMovedOne()
    {
        var period = Strategy.Period!;
        var dates = Milestones.Select(m => (m.Id, Due: m.Due))
            .Concat(Milestones.SelectMany(m => m.History.Where(h => h.Due is not null).Select(h => (m.Id, Due: h.Due!.Value))));

        Assert.All(dates, d => Assert.InRange(d.Due, period.From, period.To));
    }

    [Fact]
    public void Read_HasNoneOfTheSeventeenInventedMilestones()
    {
        var ids = Milestones.Select(m => m.Id!).ToList();

        Assert.DoesNotContain(ids, id => id.StartsWith("1.3-lister", StringComparison.Ordinal)); // 15 list dispatches
        Assert.DoesNotContain("5.1-status-biu-sud-2011", ids);
        Assert.DoesNotContain("5.1-status-biu-sud-2012", ids);
        Assert.Equal(["1.3-advissystem"], Strategy.Initiatives.Single(i => i.Number == "1.3").Milestones.Select(m => m.Id));
    }

    [Fact]
    public void Read_QuotesNamesTheDanishWay_InEveryTitleAndDescription_NeverWithStraightQuotes()
    {
        // The pages show titles and descriptions as written; a quoted name reads »…« in Danish (the sources' own
        // quotes keep their straight quotes, to stay checkable).
        var texts = Strategy.Initiatives.SelectMany(i => new[] { i.Title, i.Description })
            .Concat(Milestones.SelectMany(m => m.History.Select(h => h.Note).Prepend(m.Note).Prepend(m.Title)))
            .OfType<string>()
            .ToList();

        Assert.DoesNotContain(texts, t => t.Contains('"', StringComparison.Ordinal));
        Assert.Contains("»Fællesstrategien BIF - SOF Vejviser« udgivet", texts);
    }

    [Fact]
    public void Read_KeepsTheOriginalAndEveryMovedDate_WithTheirSources_ForTheGreenLine()
    {
        var greenLine = Milestone("1.2c-groen-linie-ivaerksat");

        Assert.Equal((new DateOnly(2009, 8, 31), "handleplan"), (greenLine.Due, Document(greenLine.Source)));
        Assert.Equal(
            [(new DateOnly(2010, 6, 30), "bilag1"), (new DateOnly(2010, 11, 30), "evaluering")],
            greenLine.History.Select(h => (h.Due!.Value, Document(h.Source))));
        Assert.Equal("efteråret 2010", greenLine.History[^1].DueText);
    }

    [Theory]
    [InlineData("1.2b-entydig-indgang", "done", "SOF har sikret en entydig indgang")]
    [InlineData("1.3-advissystem", "done", "etableret et adviseringsystem")]
    [InlineData("3.3a-politik-fremlagt", "done", "vedtog den 3. juni 2010")]
    [InlineData("3.3b-kortlaegning-strategi", "done", "vedtog den 3. juni 2010")]
    [InlineData("3.3b-kortlaegning-strategi", "done", "tages ud af BIF-SOF handleplanen")]
    [InlineData("3.2-gaeldsraadgivning-aabnet", "done", "tages ud som indsatsområde")]
    [InlineData("3.1-bevilling-ophoerer", "planned", "det fjerde projekt har finansiering frem til juni 2011")]
    public void Read_RecordsTheEvaluationsNews_AsHistoryFromTheEvaluation_NotByOverwriting(string id, string status, string quoted)
    {
        var milestone = Milestone(id);

        Assert.Contains(milestone.History, h => Document(h.Source) == "evaluering" && h.Status == status && h.Source!.Quote!.Contains(quoted, StringComparison.Ordinal));
        Assert.NotEqual("evaluering", Document(milestone.Source)); // the earlier state stays
    }

    [Fact]
    public void Read_HasTheEvaluationsDatedFacts_AsMilestonesOfTheirOwn()
    {
        Assert.Equal((new DateOnly(2010, 6, 30), "evaluering"), (Milestone("1.1-vejviser-udgivet").Due, Document(Milestone("1.1-vejviser-udgivet").Source)));
        Assert.Equal((new DateOnly(2011, 6, 30), "evaluering"), (Milestone("3.1-bevilling-fjerde-projekt").Due, Document(Milestone("3.1-bevilling-fjerde-projekt").Source)));
        Assert.Equal(new DateOnly(2010, 7, 1), Strategy.Documents.Single(d => d.Key == "evaluering").AsOf);
    }

    [Fact]
    public void Read_MarksTheGrantDatesAndReportedFactsAsEvents_AndEveryOtherMilestoneADeadline()
    {
        // Events: the grant dates, the projects' end, and facts the sources report after the fact (held, opened,
        // decided, published), which no source had set in advance as anyone's deadline.
        Assert.Equal(
            [
                "1.1-netvaerksseminar-1", "1.1-netvaerksseminar-2", "1.1-opstartsmoede-ledere", "1.1-vejviser-udgivet",
                "3.1-bevilling-fjerde-projekt", "3.1-bevilling-ophoerer", "3.1-kontakt-100-familier",
                "3.2-gaeldsraadgivning-aabnet", "3.5-projekter-afsluttes", "3.5-sud-fordeling-midler",
            ],
            Milestones.Where(m => MilestoneKindNames.Parse(m.Kind) == MilestoneKind.Event).Select(m => m.Id!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_Gives1Point1ThePlansPrimo2009_AndTheActualStartAsAMovedDateFromBilag1()
    {
        var unit = Milestone("1.1-specialenhed-opstart");

        Assert.Equal((new DateOnly(2009, 3, 31), "primo 2009", "handleplan"), (unit.Due, unit.DueText, Document(unit.Source)));
        var start = Assert.Single(unit.History);
        Assert.Equal(("done", new DateOnly(2009, 7, 1), new DateOnly(2009, 7, 1), "bilag1"), (start.Status, start.Due, start.AsOf, Document(start.Source)));
    }

    [Fact]
    public void Read_Dates3Point5sProjectsEnd_AsAnEventQuotingTheWholePhrase()
    {
        var end = Milestone("3.5-projekter-afsluttes");

        Assert.Equal((MilestoneKind.Event, new DateOnly(2011, 3, 31)), (MilestoneKindNames.Parse(end.Kind), end.Due));
        Assert.Contains("efter projektets afslutning i 1. kvartal af 2011", end.Source!.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnUnknownMilestoneKind_NamingFileAndLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "- id: \"3.1-bevilling-ophoerer\"");
        var at = text.IndexOf("        kind: event", text.IndexOf("- id: \"3.1-bevilling-ophoerer\"", StringComparison.Ordinal), StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, at), "        kind: fact", text.AsSpan(at + "        kind: event".Length));

        var ex = Refused(text);

        Assert.StartsWith($"strategy.yaml, line {line}: milestone '3.1-bevilling-ophoerer' has kind 'fact' (use deadline or event)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesADelayedEvent_NamingFileAndLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "- id: \"3.1-bevilling-fjerde-projekt\"");
        var from = text.IndexOf("- id: \"3.1-bevilling-fjerde-projekt\"", StringComparison.Ordinal);
        var at = text.IndexOf("        status: planned", from, StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, at), "        status: delayed", text.AsSpan(at + "        status: planned".Length));

        var ex = Refused(text);

        Assert.StartsWith($"strategy.yaml, line {line}: milestone '3.1-bevilling-fjerde-projekt' is an event and cannot be delayed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GivesActivationMilestonesNeutralTitles_And2009TheOutcomeNotMet()
    {
        var activation = Strategy.Initiatives.Single(i => i.Number == "5.3").Milestones.Where(m => m.Id!.StartsWith("5.3-aktivering", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, activation.Count);
        Assert.All(activation, m => Assert.DoesNotContain("%", m.Title!, StringComparison.Ordinal));
        var year2009 = activation.Single(m => m.Id == "5.3-aktivering-2009");
        Assert.Equal(("done", "not_met"), (year2009.History[^1].Status, year2009.History[^1].Outcome));
        Assert.Contains("37,4", year2009.History[^1].Source!.Quote!, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesOekfAsTheSourceSpellsIt_AndGives3Point3aBothOwners()
    {
        Assert.Equal("Økonomiforvaltningen (ØKF)", Strategy.Owners.Single(o => o.Key == "okf").Name);
        Assert.DoesNotContain(Strategy.Owners, o => o.Name!.Contains("OKF", StringComparison.Ordinal));
        var owner = Strategy.Initiatives.Single(i => i.Number == "3.3a").Owner;
        var name = Strategy.Owners.Single(o => o.Key == owner).Name!;
        Assert.Contains("ØKF", name, StringComparison.Ordinal);
        Assert.Contains("KEC", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Words2Point1And2Point2AsTheSourcesDo()
    {
        var projects = Milestone("2.2-projekter-2010");
        Assert.DoesNotContain("gennemført", projects.Title!, StringComparison.Ordinal);
        Assert.Contains("pt. otte projekter i Metodeudviklingsprojektet for 2010", projects.Title!, StringComparison.Ordinal);

        // Bilag 1 reports the line done without a date: Bilag 1's status date, said so in dueText (the file's own rule).
        Assert.Equal((new DateOnly(2010, 1, 1), "done", "bilag1"), (projects.Due, projects.Status, Document(projects.Source)));
        // "pt." is Bilag 1's writing day, not a deadline met by 1 January 2010 (the programme is "for 2010").
        Assert.Equal("pt. – Bilag 1, primo 2010; kilderne angiver ingen dato", projects.DueText);
        Assert.Equal("2.2 Metodeudviklingsprojekter", projects.Source!.Section);
        // "pr. 1. januar 2009" qualifies the offers BIF had, not a start date.
        Assert.NotEqual(new DateOnly(2009, 1, 1), Milestone("2.1-tilbud-ivaerksat").Due);
    }

    [Fact]
    public void Read_HasTheBaselinesAndThe2009ReportedFigures_WithTheirSources()
    {
        var values = Strategy.Baselines.ToDictionary(b => b.Id!, b => (b.Kind, b.Value));

        Assert.Equal(("baseline", 0.19m), values["activation-before-strategy"]);
        Assert.Equal(("baseline", 0.21m), values["activation-2007-11-handicap"]);
        Assert.Equal(("baseline", 0.18m), values["activation-2007-11-misbrug"]);
        Assert.Equal(("baseline", 0.19m), values["activation-2007-11-psykisk-socialt-udsat"]);
        Assert.Equal(("baseline", 0.19m), values["activation-2007-11-sof"]);
        Assert.Equal(("baseline", 0.35m), values["activation-2007-bif-match-4-5"]);
        Assert.Equal(("reported", 0.374m), values["reported-2009-activation"]);
        Assert.Equal(("reported", 1160m), values["reported-2009-social-plans"]);
        Assert.Equal(("reported", 73m), values["reported-2009-process-notes"]);
        Assert.Equal(("reported", 3606m), values["reported-2009-shared-citizens"]);
        Assert.All(Strategy.Baselines, b => Assert.False(string.IsNullOrWhiteSpace(b.Source?.Quote)));
    }

    [Fact]
    public void Read_RefusesAMilestoneWithoutASource_NamingFileAndLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "- id: \"1.4-arbejdsgruppe-moede\"");
        text = RemoveLineAfter(text, "- id: \"1.4-arbejdsgruppe-moede\"", "source:");

        var ex = Refused(text);

        Assert.StartsWith($"strategy.yaml, line {line}: milestone '1.4-arbejdsgruppe-moede' cites no source", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAHistoryEntryWithAnUnknownStatus_NamingItsLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var anchor = "          - status: in_progress\n            source: { document: bilag1, section: \"1.2 Samarbejdet omkring borgeren, Entydig indgang\"";
        var line = LineOf(text, anchor);
        text = text.Replace(anchor, anchor.Replace("status: in_progress", "status: underway", StringComparison.Ordinal), StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Contains($"line {line}: milestone '1.2b-entydig-indgang', history entry has status 'underway'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAMovedDateOutsideThePeriod_NamingItsLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "            due: 2010-11-30") - 1; // the entry starts at its "- status:" line
        text = text.Replace("            due: 2010-11-30", "            due: 2012-03-31", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Contains($"line {line}: milestone '1.2c-groen-linie-ivaerksat', history entry is due 2012-03-31, outside the catalogue's period", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesACitedDocumentThatIsNotListed()
    {
        var text = File.ReadAllText(Repository.Catalogue).Replace("source: { document: handleplan, section: \"Medarbejderindgange\", quote: \"BIF forpligter", "source: { document: handleplanen, section: \"Medarbejderindgange\", quote: \"BIF forpligter", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Contains("milestone '1.3-advissystem' cites document 'handleplanen', which is not in documents", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnOutcomeOnAMilestoneThatIsNotDone()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "- id: \"3.4-maaltal-200-forloeb-2009\"");
        text = text.Replace("        status: done\n        outcome: met", "        status: in_progress\n        outcome: met", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Contains($"line {line}: milestone '3.4-maaltal-200-forloeb-2009' has outcome 'met' (use met or not_met, with status done)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesABaselineRateAboveOne_NamingItsLine()
    {
        var text = File.ReadAllText(Repository.Catalogue);
        var line = LineOf(text, "- id: \"activation-before-strategy\"");
        text = text.Replace("    value: 0.19\n    source: { document: evaluering", "    value: 19\n    source: { document: evaluering", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Contains($"line {line}: baseline 'activation-before-strategy' needs a value: a fraction 0–1 for a rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAMalformedMovedDate_WithFileLineAndColumn()
    {
        var text = File.ReadAllText(Repository.Catalogue).Replace("            due: 2010-11-30", "            due: efteråret 2010", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.Matches(@"^strategy\.yaml, line \d+, column \d+: .*'efteråret 2010' is not a date", ex.Message);
    }

    [Fact]
    public void Read_RefusesAnUnknownFieldInAHistoryEntry_WithFileAndLine()
    {
        var text = File.ReadAllText(Repository.Catalogue).Replace("            dueText: \"efteråret 2010\"", "            dueText: \"efteråret 2010\"\n            moved: true", StringComparison.Ordinal);

        var ex = Refused(text);

        Assert.StartsWith("strategy.yaml, line ", ex.Message, StringComparison.Ordinal);
    }

    private static CatalogueException Refused(string text)
    {
        using var folder = new TempFolder();
        return Assert.Throws<CatalogueException>(() => CatalogueFile.Read(folder.Write("strategy.yaml", text)));
    }

    /// <summary>The 1-based line of the first line containing <paramref name="marker"/>'s first line.</summary>
    private static int LineOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"not found: {marker}");
        return text[..index].Count(c => c == '\n') + 1;
    }

    private static string RemoveLineAfter(string text, string anchor, string linePrefix)
    {
        var from = text.IndexOf(anchor, StringComparison.Ordinal);
        var start = text.IndexOf(linePrefix, from, StringComparison.Ordinal);
        start = text.LastIndexOf('\n', start) + 1;
        var end = text.IndexOf('\n', start) + 1;
        return string.Concat(text.AsSpan(0, start), text.AsSpan(end));
    }
}
