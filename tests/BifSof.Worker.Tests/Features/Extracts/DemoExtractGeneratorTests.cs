using System.Globalization;
using System.Text;
using BifSof.Worker.Features.Extracts.Demo;
using BifSof.Worker.Tests.Fixtures;

namespace BifSof.Worker.Tests.Features.Extracts;

/// <summary>
/// The demo extracts, read back with a small reader of their own rather than the product's importer, so the
/// generator is held to extracts.md and to the seeds' figures independently of how the importer reads them.
/// </summary>
public sealed class DemoExtractGeneratorTests(DemoExtractsFixture demo) : IClassFixture<DemoExtractsFixture>
{
    [Fact]
    public void Write_Returns72FullPathsInMonthOrder_BifBeforeSof_WhenWritingTheStrategyPeriod()
    {
        var expected = DemoExtractsFixture.MonthNames.SelectMany(m => new[] { $"bif_{m}.csv", $"sof_{m}.csv" }).ToList();

        Assert.Equal(expected, demo.Paths.Select(Path.GetFileName));
        Assert.All(demo.Paths, p => Assert.True(Path.IsPathFullyQualified(p) && File.Exists(p), p));
        Assert.Equal(72, Directory.GetFiles(Path.GetDirectoryName(demo.Paths[0])!).Length);
    }

    [Fact]
    public void Write_WritesByteIdenticalFiles_WhenRunAgainWithTheSameCitizensAndSeed()
    {
        using var again = new TempFolder();

        var paths = new DemoExtractGenerator().Write(again.Path);

        Assert.Equal(demo.Paths.Count, paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            Assert.True(File.ReadAllBytes(paths[i]).AsSpan().SequenceEqual(demo.Files[i].Bytes), paths[i]);
        }
    }

    [Fact]
    public void Write_WritesTheSameFilesTwice_WhenOneGeneratorIsReused_AndOtherFiles_WhenTheSeedDiffers()
    {
        using var folder = new TempFolder();
        var generator = new DemoExtractGenerator(citizens: 200, seed: 1);

        var first = generator.Write(Path.Combine(folder.Path, "first")).Select(File.ReadAllBytes).ToList();
        var second = generator.Write(Path.Combine(folder.Path, "second")).Select(File.ReadAllBytes).ToList();
        var otherSeed = new DemoExtractGenerator(citizens: 200, seed: 2).Write(Path.Combine(folder.Path, "other")).Select(File.ReadAllBytes).ToList();

        Assert.All(first.Zip(second), pair => Assert.True(pair.First.AsSpan().SequenceEqual(pair.Second)));
        Assert.Contains(first.Zip(otherSeed), pair => !pair.First.AsSpan().SequenceEqual(pair.Second));
    }

    [Fact]
    public void Write_CreatesTheFolderAndValidFiles_WhenTheFolderIsMissingAndCitizensAreFew()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "not", "yet");

        var files = new DemoExtractGenerator(citizens: 5).Write(target).Select(DemoCsvFile.Read).ToList();

        Assert.Equal(72, files.Count);
        Assert.Empty(files.SelectMany(ContractErrors));
        Assert.Contains(files, f => f.Rows.Count > 0);
    }

    [Fact]
    public void Constructor_Throws_WhenCitizensIsBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoExtractGenerator(citizens: 0));
    }

    [Fact]
    public void Write_Throws_WhenTheFolderIsBlank()
    {
        Assert.Throws<ArgumentException>(() => new DemoExtractGenerator(citizens: 5).Write(" "));
    }

    [Fact]
    public void Write_WritesOnlyRowsTheContractAccepts_WhenReadBack()
    {
        var errors = demo.Files.SelectMany(ContractErrors).Take(20).ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_HasAbout3600DistinctSharedCitizensIn2009_AndJustUnder2500AMonth_WhenDefault()
    {
        var distinct2009 = demo.Shared.Take(12).SelectMany(s => s.Keys).Distinct().Count();
        var perMonth = demo.Shared.Select(s => s.Count).ToList();

        Assert.InRange(distinct2009, 3240, 3960);
        Assert.InRange(perMonth.Average(), 2300, 2500);

        // Churn: citizens enter and leave every month.
        for (var m = 1; m < perMonth.Count; m++)
        {
            Assert.Contains(demo.Shared[m].Keys, c => !demo.Shared[m - 1].ContainsKey(c));
            Assert.Contains(demo.Shared[m - 1].Keys, c => !demo.Shared[m].ContainsKey(c));
        }
    }

    [Fact]
    public void Write_PutsTheGood2000WithAPsychiatricDisabilityInPsykiskSocialtUdsat_NotInHandicap_WhenDefault()
    {
        // 002_…: "godt 2000 var borgere med et psykisk handicap og godt 1000 var misbrugere. De øvrige var borgere med
        // handicap eller havde en anden social problemstilling": the rest (about 600) is split between handicap and
        // psykisk_socialt_udsat (Tabel 2's "psykisk syge og øvrigt socialt udsatte").
        var groups = demo.Shared.Take(12)
            .SelectMany(s => s)
            .GroupBy(s => s.Key)
            .Select(g => g.Last().Value.Sof["maalgruppe"])
            .CountBy(g => g)
            .ToDictionary();

        Assert.InRange(groups["psykisk_socialt_udsat"], 2000, 2600);
        Assert.InRange(groups["misbrug"], 900, 1100);
        Assert.InRange(groups["handicap"], 150, 450);
    }

    [Fact]
    public void Write_RaisesTheActivationRateFrom19To37Percent_During2009_WhenDefault()
    {
        Assert.InRange(demo.ActivationRate(0), 0.17, 0.21);
        Assert.InRange(demo.ActivationRate(11), 0.34, 0.40);
        Assert.InRange(demo.ActivationRate(23), 0.37, 0.44);
        Assert.InRange(demo.ActivationRate(35), 0.45, 0.52);
    }

    [Fact]
    public void Write_ProducesAbout1160SocialPlansWith73ProcessNotesIn2009_AndOffersAsTargeted_WhenDefault()
    {
        var (offered2009, produced2009, notes2009) = demo.SocialPlans(2009);
        var (offered2010, _, _) = demo.SocialPlans(2010);
        var (offered2011, _, _) = demo.SocialPlans(2011);

        Assert.InRange(produced2009, 1044, 1276);
        Assert.InRange(notes2009, 58, 88);
        Assert.InRange(offered2009, 1000, 1200);
        Assert.InRange(offered2010, 900, 1100);
        Assert.InRange(offered2011, 1350, 1650);
    }

    [Fact]
    public void Write_EncodesAtLeastSixSofFilesAsWindows1252_WithDanishLettersIntact()
    {
        var windows1252 = demo.Files.Where(f => f.Encoding == DemoCsvFile.Windows1252Name).ToList();

        Assert.True(windows1252.Count >= 6, $"{windows1252.Count} Windows-1252 files");
        Assert.All(windows1252, f =>
        {
            Assert.Equal("sof", f.Source);
            Assert.Throws<DecoderFallbackException>(() => DemoCsvFile.StrictUtf8.GetString(f.Bytes));
            Assert.Contains("Socialcenter Østerbro", f.Text, StringComparison.Ordinal);
            Assert.Contains("Rådgivningscenter København", f.Text, StringComparison.Ordinal);
            Assert.All(DanishLetters, letter => Assert.Contains(letter, f.Text, StringComparison.Ordinal));
        });
        Assert.Contains(demo.Files, f => f.Encoding == DemoCsvFile.Utf8BomName && DanishLetters.All(l => f.Text.Contains(l, StringComparison.Ordinal)));
        Assert.Contains(demo.Files, f => f.Encoding == DemoCsvFile.Utf8Name && DanishLetters.All(l => f.Text.Contains(l, StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_NeverRepeatsACprInAFile_AndUsesOnlyReplacementNumbers()
    {
        foreach (var file in demo.Files)
        {
            var cprs = file.Rows.Select(r => Cpr(r["cpr"])).ToList();
            Assert.Equal(cprs.Count, cprs.Distinct().Count());
            Assert.All(cprs, cpr =>
            {
                Assert.Matches("^[0-9]{10}$", cpr);
                var day = int.Parse(cpr[..2], CultureInfo.InvariantCulture);
                Assert.InRange(day, 61, 91);
                Assert.True(
                    DateOnly.TryParseExact($"{day - 60:00}{cpr[2..6]}", "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    $"{cpr[..6]} is no date after taking 60 from the day");
            });
        }

        Assert.Contains(demo.Files, f => f.Rows.Count > 0 && f.Rows[0]["cpr"].Contains('-', StringComparison.Ordinal));
        Assert.Contains(demo.Files, f => f.Rows.Count > 0 && !f.Rows[0]["cpr"].Contains('-', StringComparison.Ordinal));
    }

    [Fact]
    public void Write_KeepsEachCitizensCprAndCaseNumbersStable_AcrossMonths()
    {
        foreach (var (source, caseColumn) in new[] { ("bif", "bif_sagsnr"), ("sof", "sof_sagsnr") })
        {
            var pairs = demo.Files.Where(f => f.Source == source)
                .SelectMany(f => f.Rows)
                .Select(r => (Cpr: Cpr(r["cpr"]), Case: r[caseColumn]))
                .Distinct()
                .ToList();

            Assert.Equal(pairs.Count, pairs.Select(p => p.Cpr).Distinct().Count());
            Assert.Equal(pairs.Count, pairs.Select(p => p.Case).Distinct().Count());
        }

        Assert.Matches("^BIF-[0-9]{4}-[0-9]{6}$", demo.Files[0].Rows[0]["bif_sagsnr"]);
        Assert.Matches("^SOF-[0-9]{7}$", demo.Files[1].Rows[0]["sof_sagsnr"]);
    }

    [Fact]
    public void Write_SwitchesFromTheFiveToTheThreeGroupMatchModel_InApril2010()
    {
        foreach (var file in demo.Files.Where(f => f.Source == "bif"))
        {
            var fiveGroups = string.CompareOrdinal(file.Month, "2010-04") < 0;
            Assert.All(file.Rows, r =>
            {
                Assert.Equal(fiveGroups ? "5" : "3", r["matchmodel"]);
                Assert.InRange(int.Parse(r["matchgruppe"], CultureInfo.InvariantCulture), 1, fiveGroups ? 5 : 3);
            });
        }

        var groupTwo = demo.Shared.SelectMany(s => s.Values).Average(s => NormalisedGroup(s.Bif) == 2 ? 1.0 : 0.0);
        Assert.InRange(groupTwo, 0.5, 0.7);
    }

    [Fact]
    public void Write_VariesTheFileDialect_AsTheContractAllows()
    {
        var headers = demo.Files.Select(f => f.Text[..f.Text.IndexOf('\n', StringComparison.Ordinal)].TrimEnd('\r')).ToList();
        var dates = demo.Files.SelectMany(f => f.Rows.Take(50)).Select(r => r["jobplan_dato"]).Where(d => d.Length > 0).ToList();
        var booleans = demo.Files.Where(f => f.Rows.Count > 0).Select(f => f.Rows[0]["koordinering"] + f.Rows[0]["ledig"]).ToList();

        Assert.Contains(demo.Files, f => f.Text.Contains("\r\n", StringComparison.Ordinal));
        Assert.Contains(demo.Files, f => !f.Text.Contains('\r', StringComparison.Ordinal));
        Assert.Contains(headers, h => h.StartsWith("cpr;", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.StartsWith("CPR;Maaned;", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Contains("MAANED", StringComparison.Ordinal));
        Assert.True(headers.Select(h => h.ToUpperInvariant()).Distinct().Count() >= 4, "column orders do not vary");
        Assert.Contains(dates, d => d[4] == '-');
        Assert.Contains(dates, d => d[2] == '-');
        Assert.Contains(dates, d => d[2] == '.');
        Assert.Contains(booleans, b => b.StartsWith("ja", StringComparison.Ordinal) || b.StartsWith("nej", StringComparison.Ordinal));
        Assert.Contains(booleans, b => b is "j" or "n");
        Assert.Contains(booleans, b => b is "1" or "0");
    }

    [Fact]
    public void Write_QuotesFieldsThatHoldTheSeparatorOrAQuote()
    {
        const string Team = "Team \"Øst\"; akut";

        Assert.Contains(demo.Files, f => f.Rows.Any(r => r["team"] == Team));
        Assert.Contains(demo.Files, f => f.Text.Contains("\"Team \"\"Øst\"\"; akut\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_GivesTheFollowUpJobsSomethingToFind_WhenDefault()
    {
        // Benefit stops to advise, dated in their own month.
        foreach (var file in demo.Files.Where(f => f.Source == "bif" && f.Month != "2011-12"))
        {
            var stops = file.Rows.Where(r => r["ydelse_stop_dato"].Length > 0).ToList();
            Assert.NotEmpty(stops);
            Assert.All(stops, r => Assert.Equal(file.Month, Date(r["ydelse_stop_dato"])!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
            Assert.All(stops, r => Assert.NotEmpty(r["ydelse_stop_aarsag"]));
        }

        // A counselling centre with enough cases for a coordination meeting.
        Assert.Contains(demo.Shared, s => s.Values
            .Where(c => c.Sof["enhed"].StartsWith("raadgivningscenter_", StringComparison.Ordinal) && IsTrue(c.Sof["koordinering"]))
            .CountBy(c => c.Sof["center"])
            .Any(c => c.Value >= 10));

        // Overdue offers, productions and follow-ups in the latest month, and green-line citizens among them.
        var latest = demo.Shared[^1].Values.ToList();
        var monthStart = new DateOnly(2011, 12, 1);
        Assert.Contains(latest, c => c.Sof["handleplan_tilbudt"].Length == 0 && demo.Shared[^3].ContainsKey(Cpr(c.Sof["cpr"])));
        Assert.Contains(latest, c => Date(c.Sof["handleplan_tilbudt"]) < monthStart.AddDays(-30) && c.Sof["handleplan_udarbejdet"].Length == 0);
        Assert.Contains(latest, c => Date(c.Sof["handleplan_opfoelgning"]) < monthStart);
        Assert.InRange(latest.Average(c => IsTrue(c.Sof["groen_linie"]) ? 1.0 : 0.0), 0.01, 0.06);

        // Most have a job plan, and many both plans.
        Assert.InRange(latest.Average(c => c.Bif["jobplan_dato"].Length > 0 ? 1.0 : 0.0), 0.8, 1.0);
        Assert.True(latest.Count(c => c.Bif["jobplan_dato"].Length > 0 && c.Sof["handleplan_udarbejdet"].Length > 0) > 1000);
    }

    [Fact]
    public void Write_AddsCitizensWhoAreNotShared_ToEachFile()
    {
        for (var m = 0; m < DemoExtractsFixture.MonthNames.Count; m++)
        {
            var bif = demo.Files[2 * m].Rows;
            var sof = demo.Files[(2 * m) + 1].Rows;
            var shared = demo.Shared[m].Count;
            var sofCprs = sof.Select(r => Cpr(r["cpr"])).ToHashSet();
            var bifCprs = bif.Select(r => Cpr(r["cpr"])).ToHashSet();

            Assert.InRange(bif.Count, shared * 1.08, shared * 1.22);
            Assert.InRange(sof.Count, shared * 1.08, shared * 1.22);
            Assert.Contains(bif, r => NormalisedGroup(r) == 1 && sofCprs.Contains(Cpr(r["cpr"])));
            Assert.Contains(sof, r => r["enhed"] == "andet" && bifCprs.Contains(Cpr(r["cpr"])));
            Assert.Contains(bif, r => !sofCprs.Contains(Cpr(r["cpr"])));
            Assert.Contains(sof, r => !bifCprs.Contains(Cpr(r["cpr"])));
        }
    }

    private static readonly string[] DanishLetters = ["æ", "ø", "å", "Æ", "Ø", "Å"];

    private static readonly string[] RequiredBif = ["cpr", "maaned", "bif_sagsnr", "jobcenter", "matchmodel", "matchgruppe", "ledig", "aktivering"];

    private static readonly string[] RequiredSof = ["cpr", "maaned", "sof_sagsnr", "enhed", "center", "team", "team_email", "maalgruppe"];

    private static readonly string[] DateColumns =
    [
        "jobplan_dato", "ydelse_stop_dato", "handleplan_tilbudt", "handleplan_udarbejdet", "handleplan_opfoelgning",
    ];

    private static readonly string[] BooleanColumns = ["ledig", "aktivering", "groen_linie", "koordinering"];

    private static readonly HashSet<string> ActivityTypes =
    [
        "virksomhedspraktik", "loentilskud", "vejledning_opkvalificering", "revalidering", "forrevalidering", "andet",
    ];

    private static readonly HashSet<string> Units =
    [
        "socialcenter_voksen", "raadgivningscenter_behandling", "raadgivningscenter_modtager", "handicapcenter_voksen", "andet",
    ];

    private static readonly HashSet<string> TargetGroups = ["handicap", "misbrug", "psykisk_socialt_udsat"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    /// <summary>Every rule of extracts.md that one file can break on its own, as readable messages.</summary>
    private static IEnumerable<string> ContractErrors(DemoCsvFile file)
    {
        var required = file.Source == "bif" ? RequiredBif : RequiredSof;
        foreach (var column in required.Where(c => !file.Header.Contains(c)))
        {
            yield return $"{file.Name}: no column {column}";
        }

        foreach (var row in file.Rows)
        {
            var where = $"{file.Name} line {row.Line}";
            if (row.FieldCount != file.Header.Count)
            {
                yield return $"{where}: {row.FieldCount} fields under {file.Header.Count} columns";
            }

            foreach (var column in required.Where(c => row[c].Length == 0))
            {
                yield return $"{where}: {column} is empty";
            }

            if (row["maaned"] != file.Month)
            {
                yield return $"{where}: maaned {row["maaned"]}";
            }

            if (!System.Text.RegularExpressions.Regex.IsMatch(row["cpr"], "^[0-9]{6}-?[0-9]{4}$"))
            {
                yield return $"{where}: cpr is malformed";
            }

            foreach (var column in DateColumns.Where(c => row[c].Length > 0 && Date(row[c]) is null))
            {
                yield return $"{where}: {column} {row[column]} is no date";
            }

            foreach (var column in BooleanColumns.Where(c => row[c].Length > 0 && Bool(row[c]) is null))
            {
                yield return $"{where}: {column} {row[column]} is no boolean";
            }

            if (file.Source == "bif")
            {
                if (row["bif_sagsnr"].Length > 30)
                {
                    yield return $"{where}: bif_sagsnr too long";
                }

                var model = row["matchmodel"];
                if (model is not ("5" or "3") || !int.TryParse(row["matchgruppe"], CultureInfo.InvariantCulture, out var group) || group < 1 || group > int.Parse(model, CultureInfo.InvariantCulture))
                {
                    yield return $"{where}: match group {row["matchgruppe"]} in model {model}";
                }

                if (IsTrue(row["aktivering"]) && !ActivityTypes.Contains(row["aktiveringstype"]))
                {
                    yield return $"{where}: aktiveringstype '{row["aktiveringstype"]}' with aktivering";
                }

                if (row["aktivering_timer"].Length > 0 && (!int.TryParse(row["aktivering_timer"], CultureInfo.InvariantCulture, out var hours) || hours is < 0 or > 37))
                {
                    yield return $"{where}: aktivering_timer {row["aktivering_timer"]}";
                }
            }
            else
            {
                if (row["sof_sagsnr"].Length > 30)
                {
                    yield return $"{where}: sof_sagsnr too long";
                }

                if (!Units.Contains(row["enhed"]) || !TargetGroups.Contains(row["maalgruppe"]))
                {
                    yield return $"{where}: enhed {row["enhed"]} / maalgruppe {row["maalgruppe"]}";
                }

                if (!System.Text.RegularExpressions.Regex.IsMatch(row["team_email"], "^[a-z0-9.-]+@[a-z0-9.-]+\\.[a-z]+$"))
                {
                    yield return $"{where}: team_email {row["team_email"]}";
                }

                if (row["handleplan_udarbejdet"].Length > 0 && row["handleplan_type"] is not ("handleplan" or "procesnotat"))
                {
                    yield return $"{where}: handleplan_type '{row["handleplan_type"]}' with a produced plan";
                }

                if (Date(row["handleplan_udarbejdet"]) < Date(row["handleplan_tilbudt"]))
                {
                    yield return $"{where}: plan produced before it was offered";
                }
            }
        }
    }

    internal static string Cpr(string value) => value.Replace("-", string.Empty, StringComparison.Ordinal);

    internal static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal static bool? Bool(string value) => value.ToUpperInvariant() switch
    {
        "JA" or "J" or "1" or "TRUE" => true,
        "NEJ" or "N" or "0" or "FALSE" => false,
        _ => null,
    };

    internal static bool IsTrue(string value) => Bool(value) == true;

    internal static int NormalisedGroup(DemoCsvRow bif)
    {
        var group = int.Parse(bif["matchgruppe"], CultureInfo.InvariantCulture);
        return bif["matchmodel"] == "3" ? group : Math.Max(1, group - 2);
    }
}

/// <summary>The default demo, written and read back once for the whole test class.</summary>
public sealed class DemoExtractsFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public DemoExtractsFixture()
    {
        Paths = new DemoExtractGenerator().Write(_folder.Path);
        Files = [.. Paths.Select(DemoCsvFile.Read)];
        Shared = [.. MonthNames.Select((_, m) => SharedIn(Files[2 * m], Files[(2 * m) + 1]))];
    }

    public static IReadOnlyList<string> MonthNames { get; } =
        [.. Enumerable.Range(0, 36).Select(m => $"{2009 + (m / 12)}-{(m % 12) + 1:00}")];

    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<DemoCsvFile> Files { get; }

    /// <summary>Per month: the shared citizens by CPR, with their BIF and SOF rows.</summary>
    public IReadOnlyList<Dictionary<string, (DemoCsvRow Bif, DemoCsvRow Sof)>> Shared { get; }

    /// <summary>The activation rate under the default population rule: groups 2 and 3, from 2010-07 group 2 only.</summary>
    public double ActivationRate(int month)
    {
        var population = Shared[month].Values
            .Where(c => DemoExtractGeneratorTests.IsTrue(c.Bif["ledig"]))
            .Where(c => DemoExtractGeneratorTests.NormalisedGroup(c.Bif) == 2 || (month < 18 && DemoExtractGeneratorTests.NormalisedGroup(c.Bif) == 3))
            .ToList();
        return population.Count(c => DemoExtractGeneratorTests.IsTrue(c.Bif["aktivering"])) / (double)population.Count;
    }

    /// <summary>Plans offered, produced and process notes in a year, by each citizen's latest snapshot of that year.</summary>
    public (int Offered, int Produced, int ProcessNotes) SocialPlans(int year)
    {
        var months = Enumerable.Range((year - 2009) * 12, 12).ToList();
        var sharedThatYear = months.SelectMany(m => Shared[m].Keys).ToHashSet();
        var latest = new Dictionary<string, DemoCsvRow>();
        foreach (var row in months.SelectMany(m => Files[(2 * m) + 1].Rows))
        {
            latest[DemoExtractGeneratorTests.Cpr(row["cpr"])] = row;
        }

        var rows = sharedThatYear.Select(c => latest[c]).ToList();
        var produced = rows.Where(r => DemoExtractGeneratorTests.Date(r["handleplan_udarbejdet"])?.Year == year).ToList();
        return (
            rows.Count(r => DemoExtractGeneratorTests.Date(r["handleplan_tilbudt"])?.Year == year),
            produced.Count,
            produced.Count(r => r["handleplan_type"] == "procesnotat"));
    }

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, (DemoCsvRow Bif, DemoCsvRow Sof)> SharedIn(DemoCsvFile bif, DemoCsvFile sof)
    {
        var sofByCpr = sof.Rows.ToDictionary(r => DemoExtractGeneratorTests.Cpr(r["cpr"]));
        var shared = new Dictionary<string, (DemoCsvRow Bif, DemoCsvRow Sof)>();
        foreach (var row in bif.Rows)
        {
            var cpr = DemoExtractGeneratorTests.Cpr(row["cpr"]);
            if (DemoExtractGeneratorTests.NormalisedGroup(row) >= 2 && sofByCpr.TryGetValue(cpr, out var sofRow) && sofRow["enhed"] != "andet")
            {
                shared[cpr] = (row, sofRow);
            }
        }

        return shared;
    }
}

/// <summary>One extract file read back: decoded as extracts.md says, split as RFC 4180 says.</summary>
public sealed class DemoCsvFile
{
    public const string Utf8BomName = "utf-8 with BOM";
    public const string Utf8Name = "utf-8";
    public const string Windows1252Name = "windows-1252";

    private DemoCsvFile(string path, byte[] bytes)
    {
        Name = System.IO.Path.GetFileName(path);
        Source = Name[..3];
        Month = Name[4..11];
        Bytes = bytes;
        (Text, Encoding) = Decode(bytes);
        var records = ParseCsv(Text);
        Header = [.. records[0].Select(h => h.ToLowerInvariant())];
        Rows = [.. records.Skip(1).Select((r, i) => new DemoCsvRow(i + 2, Header, r))];
    }

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name { get; }

    public string Source { get; }

    public string Month { get; }

    public byte[] Bytes { get; }

    public string Text { get; }

    public string Encoding { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<DemoCsvRow> Rows { get; }

    public static DemoCsvFile Read(string path) => new(path, File.ReadAllBytes(path));

    // A BOM means UTF-8; otherwise bytes that are not valid UTF-8 mean Windows-1252.
    private static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            return (StrictUtf8.GetString(bytes, 3, bytes.Length - 3), Utf8BomName);
        }

        try
        {
            return (StrictUtf8.GetString(bytes), Utf8Name);
        }
        catch (DecoderFallbackException)
        {
            return (CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes), Windows1252Name);
        }
    }

    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}

/// <summary>One data row; a column the file lacks reads as empty, as an empty field does.</summary>
public sealed class DemoCsvRow(int line, IReadOnlyList<string> header, string[] fields)
{
    public int Line { get; } = line;

    public int FieldCount => fields.Length;

    public string this[string column]
    {
        get
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                {
                    return i < fields.Length ? fields[i] : string.Empty;
                }
            }

            return string.Empty;
        }
    }
}
