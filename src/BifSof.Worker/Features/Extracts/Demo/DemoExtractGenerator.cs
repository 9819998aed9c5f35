using System.Buffers;
using System.Globalization;
using System.Text;

namespace BifSof.Worker.Features.Extracts.Demo;

/// <summary>
/// Writes synthetic monthly BIF and SOF extracts (<c>bif_YYYY-MM.csv</c>, <c>sof_YYYY-MM.csv</c>) for
/// 2009-01 … 2011-12, shaped like the strategy's own figures: about <c>citizens</c> distinct shared citizens in
/// 2009 and just under 70 % of that in an average month, the activation rate rising from 19 % to 37 % during
/// 2009, about 1,160 social plans produced in 2009 of which 73 process notes, and the match model switching in
/// April 2010. The files vary in every way the extract contract allows (encoding, BOM, line ends, column order,
/// header case, date and boolean styles, quoting, CPR with or without a dash), so an importer meets them all.
/// </summary>
/// <remarks>
/// The same citizens and seed always give byte-identical files. Every CPR number is a replacement number
/// (day of birth + 60), so none of them can be a real person's.
/// </remarks>
public sealed class DemoExtractGenerator
{
    /// <summary>Distinct shared citizens in 2009 when none is asked for: the 3,606 of the seeds, rounded.</summary>
    public const int DefaultCitizens = 3600;

    /// <summary>The seed when none is asked for.</summary>
    public const int DefaultSeed = 2009;

    // Beyond this the case-number and CPR spaces start to crowd; nobody needs a demo that large.
    private const int MaxCitizens = 1_000_000;

    private const int FirstYear = 2009;
    private const int Months = 36;

    // 2010-04: the three-group match model replaces the five-group one.
    private const int FirstThreeGroupMonth = 15;

    // 2010-07: the revised population rule counts new match group 2 only, so group 3 is activated on its own terms.
    private const int FirstGroupTwoOnlyMonth = 18;

    // The seeds' figures are for 3,600 citizens; every count below is scaled by citizens / 3,600.
    private const double SeedCitizens = 3600;
    private const double SharedPerMonth = 2445;
    private const double SharedSeasonalSwing = 45;
    private const double ReturnerShare = 0.12;
    private const double PlanWithHistoryShare = 0.30;
    private const double PendingOfferShare = 0.10;

    // 73 process notes out of 1,160 plans produced in 2009.
    private const double ProcessNoteShare = 73.0 / 1160.0;

    private static readonly int[] OffersPerYear = [1100, 1020, 1520];

    // Citizens who are not shared, as a share of the shared ones: they make both files realistic and the join real.
    private static readonly (Role Role, double ShareOfShared)[] Background =
    [
        (Role.BifOnly, 0.07),
        (Role.BifLowGroup, 0.04),
        (Role.SofAndet, 0.03),
        (Role.SofOnly, 0.05),
    ];

    private static readonly string[] Jobcentres =
    [
        "Jobcenter Amager", "Jobcenter Nørrebro", "Jobcenter Vesterbro", "Jobcenter Østerbro",
        "Jobcenter Indre By", "Jobcenter Bispebjerg", "Jobcenter Valby",
    ];

    private static readonly Placement[] Placements = BuildPlacements();

    private static readonly Column[] BifColumns =
    [
        Column.Cpr, Column.Maaned, Column.BifSagsnr, Column.Jobcenter, Column.Matchmodel, Column.Matchgruppe,
        Column.Ledig, Column.Aktivering, Column.Aktiveringstype, Column.AktiveringTimer, Column.JobplanDato,
        Column.YdelseStopDato, Column.YdelseStopAarsag,
    ];

    private static readonly Column[] BifColumnsReordered =
    [
        Column.Maaned, Column.BifSagsnr, Column.Cpr, Column.Matchmodel, Column.Matchgruppe, Column.Jobcenter,
        Column.Aktivering, Column.Aktiveringstype, Column.AktiveringTimer, Column.Ledig, Column.YdelseStopAarsag,
        Column.YdelseStopDato, Column.JobplanDato,
    ];

    private static readonly Column[] SofColumns =
    [
        Column.Cpr, Column.Maaned, Column.SofSagsnr, Column.Enhed, Column.Center, Column.Team, Column.TeamEmail,
        Column.Maalgruppe, Column.HandleplanTilbudt, Column.HandleplanUdarbejdet, Column.HandleplanType,
        Column.HandleplanOpfoelgning, Column.GroenLinie, Column.Koordinering,
    ];

    private static readonly Column[] SofColumnsReordered =
    [
        Column.SofSagsnr, Column.Cpr, Column.Maaned, Column.Center, Column.Enhed, Column.Team, Column.TeamEmail,
        Column.Maalgruppe, Column.GroenLinie, Column.Koordinering, Column.HandleplanOpfoelgning,
        Column.HandleplanType, Column.HandleplanUdarbejdet, Column.HandleplanTilbudt,
    ];

    private static readonly string[] SmallNumbers = [.. Enumerable.Range(0, 38).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(";\"\r\n");

    private static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // An exception fallback, so a character Windows-1252 cannot hold fails loudly instead of turning into '?'.
    private static readonly Encoding Windows1252 =
        CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    private readonly int _citizens;
    private readonly int _seed;

    /// <summary>Prepares a generator; nothing is written until <see cref="Write"/>.</summary>
    /// <param name="citizens">Distinct shared citizens over 2009; every other count scales with it.</param>
    /// <param name="seed">Seed for the one random source; the same seed gives the same files.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="citizens"/> is below 1 or above 1,000,000.</exception>
    public DemoExtractGenerator(int citizens = DefaultCitizens, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(citizens, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(citizens, MaxCitizens);
        _citizens = citizens;
        _seed = seed;
    }

    /// <summary>
    /// Writes <c>bif_YYYY-MM.csv</c> and <c>sof_YYYY-MM.csv</c> for every month 2009-01 … 2011-12 (72 files) into
    /// <paramref name="outDir"/>, creating it if missing and overwriting files of the same names.
    /// </summary>
    /// <returns>The full paths in month order, BIF before SOF.</returns>
    /// <exception cref="ArgumentException"><paramref name="outDir"/> is null, empty or white space.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or a file may not be written.</exception>
    public IReadOnlyList<string> Write(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var directory = Directory.CreateDirectory(outDir).FullName;

        // A fresh world per call: writing twice with one generator gives the same files twice.
        var world = new World(_citizens, new Random(_seed));
        var paths = new List<string>(Months * 2);
        for (var month = 0; month < Months; month++)
        {
            world.Advance(month);
            paths.Add(WriteFile(directory, world, month, sof: false));
            paths.Add(WriteFile(directory, world, month, sof: true));
        }

        return paths;
    }

    private static string WriteFile(string directory, World world, int month, bool sof)
    {
        var dialect = sof ? SofDialect(month) : BifDialect(month);
        var context = new FileContext(dialect, month, MonthText(month), MonthStart(month).AddMonths(1).AddDays(2));
        var columns = (sof, dialect.Reordered) switch
        {
            (false, false) => BifColumns,
            (false, true) => BifColumnsReordered,
            (true, false) => SofColumns,
            (true, true) => SofColumnsReordered,
        };
        if (dialect.ExtraColumn)
        {
            // Unknown columns must be ignored by the importer, so some files carry one.
            columns = [.. columns, Column.UdtraekDato];
        }

        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{(sof ? "sof" : "bif")}_{context.MonthText}.csv"));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        using var writer = new StreamWriter(stream, dialect.Encoding, bufferSize: 1 << 16) { NewLine = dialect.NewLine };

        for (var i = 0; i < columns.Length; i++)
        {
            WriteField(writer, i, HeaderText(ColumnName(columns[i]), dialect.HeaderCase), dialect.QuoteAll);
        }

        writer.WriteLine();
        foreach (var person in world.People)
        {
            if (!(sof ? person.InSof : person.InBif))
            {
                continue;
            }

            for (var i = 0; i < columns.Length; i++)
            {
                WriteField(writer, i, Value(person, columns[i], context), dialect.QuoteAll);
            }

            writer.WriteLine();
        }

        return path;
    }

    private static void WriteField(StreamWriter writer, int index, string value, bool quoteAll)
    {
        if (index > 0)
        {
            writer.Write(';');
        }

        if (!quoteAll && !value.AsSpan().ContainsAny(NeedsQuoting))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static string Value(Person p, Column column, FileContext c) => column switch
    {
        Column.Cpr => c.Dialect.DashedCpr ? p.CprDashed : p.CprPlain,
        Column.Maaned => c.MonthText,
        Column.BifSagsnr => p.BifCase,
        Column.Jobcenter => Jobcentres[p.Jobcentre],
        Column.Matchmodel => c.Month < FirstThreeGroupMonth ? "5" : "3",
        Column.Matchgruppe => SmallNumbers[MatchGroup(p, c.Month)],
        Column.Ledig => Bool(p.Ledig, c.Dialect),
        Column.Aktivering => Bool(p.Active, c.Dialect),
        Column.Aktiveringstype => p.Active ? ActivityName(p.Activity) : string.Empty,
        Column.AktiveringTimer => p.Active && p.Hours is { } hours ? SmallNumbers[hours] : string.Empty,
        Column.JobplanDato => Date(p.JobPlan, c.Dialect),
        Column.YdelseStopDato => Date(p.StopDate, c.Dialect),
        Column.YdelseStopAarsag => p.StopReason ?? string.Empty,
        Column.SofSagsnr => p.SofCase,
        Column.Enhed => UnitName(p.Placement.Unit),
        Column.Center => p.Placement.Centre,
        Column.Team => p.Placement.Team,
        Column.TeamEmail => p.Placement.Email,
        Column.Maalgruppe => TargetGroupName(p.TargetGroup),
        Column.HandleplanTilbudt => Date(p.Offered, c.Dialect),
        Column.HandleplanUdarbejdet => Date(p.Produced, c.Dialect),
        Column.HandleplanType => p.Produced is null ? string.Empty : p.ProcessNote ? "procesnotat" : "handleplan",
        Column.HandleplanOpfoelgning => Date(p.FollowUp, c.Dialect),
        Column.GroenLinie => OptionalBool(p.GreenLine, c.Dialect),
        Column.Koordinering => OptionalBool(p.Coordination, c.Dialect),
        Column.UdtraekDato => Date(c.ExtractedOn, c.Dialect),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static int MatchGroup(Person p, int month) =>
        month >= FirstThreeGroupMonth ? p.Group : p.Group == 1 ? p.OldLowGroup : p.Group + 2;

    private static string Bool(bool value, Dialect d) => value ? d.True : d.False;

    // Both optional booleans default to nej, so some files leave them empty instead.
    private static string OptionalBool(bool value, Dialect d) => !value && d.EmptyForFalse ? string.Empty : Bool(value, d);

    private static string Date(DateOnly? date, Dialect d) =>
        date is { } value ? value.ToString(d.DateFormat, CultureInfo.InvariantCulture) : string.Empty;

    private static string ColumnName(Column column) => column switch
    {
        Column.Cpr => "cpr",
        Column.Maaned => "maaned",
        Column.BifSagsnr => "bif_sagsnr",
        Column.Jobcenter => "jobcenter",
        Column.Matchmodel => "matchmodel",
        Column.Matchgruppe => "matchgruppe",
        Column.Ledig => "ledig",
        Column.Aktivering => "aktivering",
        Column.Aktiveringstype => "aktiveringstype",
        Column.AktiveringTimer => "aktivering_timer",
        Column.JobplanDato => "jobplan_dato",
        Column.YdelseStopDato => "ydelse_stop_dato",
        Column.YdelseStopAarsag => "ydelse_stop_aarsag",
        Column.SofSagsnr => "sof_sagsnr",
        Column.Enhed => "enhed",
        Column.Center => "center",
        Column.Team => "team",
        Column.TeamEmail => "team_email",
        Column.Maalgruppe => "maalgruppe",
        Column.HandleplanTilbudt => "handleplan_tilbudt",
        Column.HandleplanUdarbejdet => "handleplan_udarbejdet",
        Column.HandleplanType => "handleplan_type",
        Column.HandleplanOpfoelgning => "handleplan_opfoelgning",
        Column.GroenLinie => "groen_linie",
        Column.Koordinering => "koordinering",
        Column.UdtraekDato => "udtraek_dato",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static string HeaderText(string name, HeaderCase headerCase) => headerCase switch
    {
        HeaderCase.Upper => name.ToUpperInvariant(),
        HeaderCase.Capitalised => Capitalise(name),
        HeaderCase.UpperCprThenCapitalised => name == "cpr" ? "CPR" : Capitalise(name),
        _ => name,
    };

    private static string Capitalise(string name) =>
        string.Concat(name[..1].ToUpperInvariant(), name.AsSpan(1));

    private static string UnitName(Unit unit) => unit switch
    {
        Unit.SocialcenterVoksen => "socialcenter_voksen",
        Unit.RaadgivningBehandling => "raadgivningscenter_behandling",
        Unit.RaadgivningModtager => "raadgivningscenter_modtager",
        Unit.HandicapcenterVoksen => "handicapcenter_voksen",
        _ => "andet",
    };

    private static string TargetGroupName(TargetGroup group) => group switch
    {
        TargetGroup.Handicap => "handicap",
        TargetGroup.Misbrug => "misbrug",
        _ => "psykisk_socialt_udsat",
    };

    private static string ActivityName(Activity activity) => activity switch
    {
        Activity.Virksomhedspraktik => "virksomhedspraktik",
        Activity.Loentilskud => "loentilskud",
        Activity.VejledningOpkvalificering => "vejledning_opkvalificering",
        Activity.Revalidering => "revalidering",
        Activity.Forrevalidering => "forrevalidering",
        _ => "andet",
    };

    // The dialect follows the month, not the seed, so a given file always exercises the same variations.
    private static Dialect BifDialect(int m) => new(
        Encoding: m % 3 == 0 ? Utf8WithBom : Utf8,
        NewLine: m % 2 == 0 ? "\r\n" : "\n",
        DateFormat: (m % 6) switch { 4 => "dd-MM-yyyy", 5 => "dd.MM.yyyy", _ => "yyyy-MM-dd" },
        True: (m % 5) switch { 2 => "j", 4 => "1", _ => "ja" },
        False: (m % 5) switch { 2 => "n", 4 => "0", _ => "nej" },
        HeaderCase: (HeaderCase)(m % 4),
        Reordered: m % 3 == 1,
        DashedCpr: m % 2 == 1,
        QuoteAll: m % 7 == 3,
        EmptyForFalse: false,
        ExtraColumn: m % 4 == 2);

    // Every fourth SOF file is Windows-1252, as Danish public-sector exports often are.
    private static Dialect SofDialect(int m) => new(
        Encoding: m % 4 == 3 ? Windows1252 : m % 2 == 0 ? Utf8WithBom : Utf8,
        NewLine: m % 2 == 1 ? "\r\n" : "\n",
        DateFormat: (m % 6) switch { 1 => "dd.MM.yyyy", 2 => "dd-MM-yyyy", _ => "yyyy-MM-dd" },
        True: (m % 5) switch { 1 => "j", 3 => "1", _ => "ja" },
        False: (m % 5) switch { 1 => "n", 3 => "0", _ => "nej" },
        HeaderCase: (HeaderCase)((m + 2) % 4),
        Reordered: m % 3 == 2,
        DashedCpr: m % 2 == 0,
        QuoteAll: m % 7 == 5,
        EmptyForFalse: m % 4 == 1,
        ExtraColumn: m % 6 == 4);

    private static DateOnly MonthStart(int month) => new(FirstYear + (month / 12), (month % 12) + 1, 1);

    private static string MonthText(int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstYear + (month / 12)}-{(month % 12) + 1:00}");

    private static Placement[] BuildPlacements()
    {
        var placements = new List<Placement>();

        // A socialcentre's citizens mostly belong to the jobcentre of the same district; the city-wide centres draw from all.
        void Add(Unit unit, string centre, string slug, string? jobcentre, params (string Team, string Mailbox)[] teams)
        {
            var district = jobcentre is null ? (int?)null : Array.IndexOf(Jobcentres, jobcentre);
            foreach (var (team, mailbox) in teams)
            {
                placements.Add(new Placement(unit, centre, team, $"{mailbox}.{slug}@sof.example.dk", district));
            }
        }

        Add(Unit.SocialcenterVoksen, "Socialcenter Amager", "amager", "Jobcenter Amager", ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"), ("Voksenteam 3", "voksenteam3"));
        Add(Unit.SocialcenterVoksen, "Socialcenter Nørrebro", "noerrebro", "Jobcenter Nørrebro", ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"), ("Voksenteam 3", "voksenteam3"));
        Add(Unit.SocialcenterVoksen, "Socialcenter Vesterbro", "vesterbro", "Jobcenter Vesterbro", ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"), ("Voksenteam Sjælør", "voksenteam-sjaeloer"));

        // A team name with a quote and a separator, so every reader meets RFC 4180 quoting; and all of æøåÆØÅ somewhere.
        Add(Unit.SocialcenterVoksen, "Socialcenter Østerbro", "oesterbro", "Jobcenter Østerbro", ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"), ("Team \"Øst\"; akut", "akutteam"), ("Voksenteam Ærøgade", "voksenteam-aeroegade"));
        Add(Unit.SocialcenterVoksen, "Socialcenter Indre By", "indreby", "Jobcenter Indre By", ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"));
        Add(Unit.RaadgivningBehandling, "Rådgivningscenter København", "raadgivning-kbh", null, ("Behandlingsteam 1", "behandlingsteam1"), ("Behandlingsteam 2", "behandlingsteam2"));
        Add(Unit.RaadgivningBehandling, "Rådgivningscenter Amager", "raadgivning-amager", "Jobcenter Amager", ("Behandlingsteam", "behandlingsteam"));
        Add(Unit.RaadgivningModtager, "Rådgivningscenter København", "raadgivning-kbh", null, ("Modtageteam", "modtageteam"), ("Åben Rådgivning", "aabenraadgivning"));
        Add(Unit.RaadgivningModtager, "Rådgivningscenter Amager", "raadgivning-amager", "Jobcenter Amager", ("Modtageteam", "modtageteam"));
        Add(Unit.HandicapcenterVoksen, "Handicapcenter Voksen København", "handicapcenter", null, ("Voksenteam 1", "voksenteam1"), ("Voksenteam 2", "voksenteam2"), ("Voksenteam 3", "voksenteam3"), ("Voksenteam 4", "voksenteam4"));
        Add(Unit.Andet, "Forsorgshjemmet Sundholm", "sundholm", null, ("Værestedsteam", "vaerestedsteam"), ("Herbergsteam", "herbergsteam"));
        return [.. placements];
    }

    /// <summary>The citizens month by month: who is shared, who enters and leaves, and what their cases say.</summary>
    private sealed class World
    {
        private readonly Random _rng;
        private readonly double _scale;
        private readonly List<Person> _people = [];
        private readonly HashSet<long> _cprs = [];
        private readonly int[] _target = new int[Months];
        private readonly int[] _newcomers = new int[Months];
        private readonly int[] _returners = new int[Months];
        private readonly int[] _offers = new int[Months];
        private readonly Placement[][] _placementsByUnit;
        private int _bifSequence;
        private int _sofSequence = 10_000;
        private double _processNoteCredit;
        private int _month;
        private DateOnly _start;
        private DateOnly _end;

        public World(int citizens, Random rng)
        {
            _rng = rng;
            _scale = citizens / SeedCitizens;
            _placementsByUnit = [.. Enum.GetValues<Unit>().Select(u => Placements.Where(p => p.Unit == u).ToArray())];
            for (var m = 0; m < Months; m++)
            {
                _target[m] = Math.Max(1, (int)Math.Round(_scale * (SharedPerMonth + (SharedSeasonalSwing * Math.Cos(2 * Math.PI * m / 12)))));
            }

            // 2009 turns the first month's stock into `citizens` distinct people; later years keep the same inflow.
            var newcomersPerYear = Math.Max(0, citizens - _target[0]);
            var returnersPerYear = (int)Math.Round(newcomersPerYear * ReturnerShare);
            Spread(_newcomers, 1, 11, newcomersPerYear);
            Spread(_returners, 1, 11, returnersPerYear);
            for (var year = 0; year < 3; year++)
            {
                if (year > 0)
                {
                    Spread(_newcomers, year * 12, 12, newcomersPerYear);
                    Spread(_returners, year * 12, 12, returnersPerYear);
                }

                Spread(_offers, year * 12, 12, (int)Math.Round(OffersPerYear[year] * _scale));
            }
        }

        public List<Person> People => _people;

        public void Advance(int month)
        {
            _month = month;
            _start = MonthStart(month);
            _end = _start.AddMonths(1).AddDays(-1);

            // A benefit stop belongs to the month it happened in.
            foreach (var p in _people)
            {
                p.StopDate = null;
                p.StopReason = null;
            }

            if (month == 0)
            {
                SeedFirstMonth();
            }
            else
            {
                Leave();
                AgeBackground();
                Admit();
            }

            TopUpBackground();
            foreach (var p in _people)
            {
                if (p.Role == Role.Shared)
                {
                    UpdateShared(p);
                }
                else if (p.Role != Role.Gone)
                {
                    UpdateBackground(p);
                }
            }

            OfferPlans();
            SettleActivation();
            if (month + 1 < Months)
            {
                ChooseLeavers();
            }
        }

        private void SeedFirstMonth()
        {
            for (var i = 0; i < _target[0]; i++)
            {
                var p = NewPerson(Role.Shared, caseYear: 2004 + _rng.Next(5));
                p.EverShared = true;
                p.Since = -1 - _rng.Next(36);
                p.JobPlan = _rng.NextDouble() < 0.92 ? new DateOnly(2008, 7, 1).AddDays(_rng.Next(215)) : null;

                // Flags outside the counselling centres are cleared by the first monthly update.
                p.Coordination = _rng.NextDouble() < 0.05;

                // Plans from before the strategy: some done in 2007–2008, some offered late in 2008 and still pending.
                var history = _rng.NextDouble();
                if (history < PlanWithHistoryShare)
                {
                    p.Offered = new DateOnly(2007, 1, 1).AddDays(_rng.Next(640));
                    p.Produced = p.Offered.Value.AddDays(_rng.Next(46));
                    p.ProcessNote = _rng.NextDouble() < ProcessNoteShare;
                    p.FollowUp = p.Produced.Value.AddMonths(6);
                    while (p.FollowUp < new DateOnly(2008, 12, 1))
                    {
                        p.FollowUp = p.FollowUp.Value.AddMonths(6);
                    }
                }
                else if (history < PlanWithHistoryShare + PendingOfferShare)
                {
                    p.Offered = new DateOnly(2008, 10, 1).AddDays(_rng.Next(92));
                    p.ProduceDue = _rng.NextDouble() < 0.05 ? null : _start.AddDays(_rng.Next(75));
                }
            }
        }

        private void Leave()
        {
            foreach (var p in _people)
            {
                if (p.Leaving is not { } route)
                {
                    continue;
                }

                p.Leaving = null;
                p.Since = _month;
                p.LeftAt = _month;
                p.Remaining = 1 + _rng.Next(6);
                switch (route)
                {
                    case Route.Gone:
                        p.Role = Role.Gone;
                        break;
                    case Route.BenefitStopped:
                        p.Role = Role.SofOnly;
                        break;
                    case Route.JobReady:
                        p.Role = Role.BifLowGroup;
                        p.Group = 1;
                        p.OldLowGroup = 1 + _rng.Next(3);
                        p.Remaining = 1 + _rng.Next(8);
                        break;
                    case Route.SofClosed:
                        p.Role = Role.BifOnly;
                        break;
                    default:
                        p.Role = Role.SofAndet;
                        p.Placement = Pick(_placementsByUnit[(int)Unit.Andet]);
                        p.Coordination = false;
                        break;
                }
            }
        }

        private void AgeBackground()
        {
            foreach (var p in _people)
            {
                if (p.Role is not (Role.Shared or Role.Gone) && p.LeftAt != _month && --p.Remaining <= 0)
                {
                    p.Role = Role.Gone;
                }
            }
        }

        private void Admit()
        {
            // Returners were out for at least a month; they keep their case numbers and plan dates.
            var pool = _people.Where(p => p.EverShared && p.Role != Role.Shared && p.LeftAt != _month).ToList();
            var returners = Math.Min(_returners[_month], pool.Count);
            foreach (var p in TakeRandom(pool, returners))
            {
                Enter(p);
            }

            // Some newcomers were already known to BIF in group 1 and to SOF; most are new to both.
            var known = _people.Where(p => !p.EverShared && p.Role == Role.BifLowGroup).ToList();
            for (var i = 0; i < _newcomers[_month]; i++)
            {
                Person p;
                if (known.Count > 0 && _rng.NextDouble() < 0.15)
                {
                    var index = _rng.Next(known.Count);
                    p = known[index];
                    known[index] = known[^1];
                    known.RemoveAt(known.Count - 1);
                }
                else
                {
                    p = NewPerson(Role.Shared, caseYear: _start.Year);
                    p.JobPlan = _rng.NextDouble() < 0.75 ? _start.AddDays(_rng.Next(-60, _end.Day)) : null;
                }

                Enter(p);
            }
        }

        private void Enter(Person p)
        {
            p.Role = Role.Shared;
            p.EverShared = true;
            p.Since = _month;
            p.Group = _rng.NextDouble() < 0.6 ? 2 : 3;
            if (p.Placement.Unit == Unit.Andet)
            {
                p.Placement = PlacementFor(p.TargetGroup);
            }
        }

        private void TopUpBackground()
        {
            foreach (var (role, share) in Background)
            {
                var present = _people.Count(p => p.Role == role);
                var target = (int)Math.Round(share * _target[_month]);
                for (var i = present; i < target; i++)
                {
                    var p = NewPerson(role, caseYear: Math.Max(2005, _start.Year - _rng.Next(4)));
                    p.Since = _month;
                    p.Remaining = 1 + (int)(-Math.Log(1 - _rng.NextDouble()) * 9);
                    p.JobPlan = _rng.NextDouble() < 0.8 ? _start.AddDays(_rng.Next(-150, _end.Day)) : null;
                }
            }
        }

        private void UpdateShared(Person p)
        {
            if (p.Since < _month)
            {
                if (_rng.NextDouble() < 0.02)
                {
                    p.Group = 5 - p.Group;
                }

                if (_rng.NextDouble() < 0.04)
                {
                    p.Ledig = _rng.NextDouble() < 0.9;
                }
            }

            UpdateJobPlan(p);
            if (p.Ledig && _rng.NextDouble() < 0.008)
            {
                p.StopDate = DayThisMonth();
                p.StopReason = _rng.NextDouble() < 0.55 ? "udeblivelse" : "sanktion";
            }

            // Only counselling centres call coordination meetings; a flag lasts a few months.
            p.Coordination = p.Placement.Unit is Unit.RaadgivningBehandling or Unit.RaadgivningModtager
                && (p.Coordination ? _rng.NextDouble() >= 0.18 : _rng.NextDouble() < 0.01);

            if (p.Offered is not null && p.Produced is null)
            {
                if (p.ProduceDue is { } due && due <= _end)
                {
                    // Produced while the citizen was away: it shows up in the month they are back.
                    p.Produced = due >= _start ? due : DayThisMonth();
                    p.ProcessNote = NextProcessNote();
                    p.FollowUp = p.Produced.Value.AddMonths(_rng.NextDouble() < 0.7 ? 6 : 3);
                }
            }
            else if (p.FollowUp is { } followUp && followUp <= _end && _rng.NextDouble() < 0.7)
            {
                // Follow-up done: the next one is due later. The rest stay overdue for a while.
                while (p.FollowUp <= _end)
                {
                    p.FollowUp = p.FollowUp.Value.AddMonths(6);
                }
            }
        }

        private void UpdateBackground(Person p)
        {
            if (!p.InBif)
            {
                return;
            }

            if (p.Since < _month && _rng.NextDouble() < 0.05)
            {
                p.Ledig = _rng.NextDouble() < 0.85;
            }

            UpdateJobPlan(p);
            if (_rng.NextDouble() < 0.3)
            {
                Activate(p, p.Ledig);
            }
            else
            {
                p.Active = false;
            }

            if (p.Ledig && _rng.NextDouble() < 0.01)
            {
                p.StopDate = DayThisMonth();
                p.StopReason = _rng.NextDouble() < 0.5 ? "udeblivelse" : "sanktion";
            }
        }

        private void UpdateJobPlan(Person p)
        {
            if (p.JobPlan is null ? _rng.NextDouble() < 0.4 : p.JobPlan < _start.AddMonths(-6) && _rng.NextDouble() < 0.35)
            {
                p.JobPlan = DayThisMonth();
            }
        }

        private void OfferPlans()
        {
            // New entrants and green-line citizens are first in line; the rest wait, some for months.
            var candidates = _people.Where(p => p.Role == Role.Shared && p.Offered is null).ToList();
            var chosen = TakeWeighted(candidates, _offers[_month], p => p.GreenLine ? 6 : _month - p.Since <= 2 ? 3 : 1);
            foreach (var p in chosen)
            {
                p.Offered = DayThisMonth();
                var delay = _rng.NextDouble();

                // A few offers are never followed by a plan: the production-overdue cases.
                p.ProduceDue = delay switch
                {
                    < 0.04 => null,
                    < 0.60 => p.Offered.Value.AddDays(_rng.Next(22)),
                    < 0.88 => p.Offered.Value.AddDays(_rng.Next(22, 46)),
                    _ => p.Offered.Value.AddDays(_rng.Next(46, 121)),
                };
                if (p.ProduceDue is { } due && due <= _end)
                {
                    p.Produced = due;
                    p.ProcessNote = NextProcessNote();
                    p.FollowUp = due.AddMonths(_rng.NextDouble() < 0.7 ? 6 : 3);
                }
            }
        }

        private void SettleActivation()
        {
            var rate = _month switch
            {
                < 12 => 0.19 + (0.18 * _month / 11),
                < 24 => 0.38 + (0.03 * (_month - 12) / 11),
                _ => 0.45 + (0.05 * (_month - 24) / 11),
            };
            var unemployed = _people.Where(p => p.Role == Role.Shared && p.Ledig).ToList();
            if (_month < FirstGroupTwoOnlyMonth)
            {
                // Group 3 is temporarily passive, so it is activated less often than group 2.
                Settle(unemployed, rate, p => p.Group == 2 ? 1.4 : 0.7);
            }
            else
            {
                Settle([.. unemployed.Where(p => p.Group == 2)], rate, _ => 1);
                Settle([.. unemployed.Where(p => p.Group == 3)], 0.22, _ => 1);
            }

            // Not on benefit, so outside the rate: only revalidation counts as activity here.
            foreach (var p in _people)
            {
                if (p.Role != Role.Shared || p.Ledig)
                {
                    continue;
                }

                var revalidating = p.Active && p.Activity is Activity.Revalidering or Activity.Forrevalidering;
                p.Active = revalidating ? _rng.NextDouble() < 0.85 : _rng.NextDouble() < 0.03;
                if (p.Active && !revalidating)
                {
                    p.Activity = _rng.NextDouble() < 0.5 ? Activity.Revalidering : Activity.Forrevalidering;
                    p.Hours = _rng.NextDouble() < 0.85 ? 37 : null;
                }
            }
        }

        // Exactly round(rate × pool) active, keeping most of last month's activities running.
        private void Settle(List<Person> pool, double rate, Func<Person, double> weight)
        {
            var target = (int)Math.Round(rate * pool.Count);
            foreach (var p in pool)
            {
                if (p.Active && _rng.NextDouble() < 0.1)
                {
                    p.Active = false;
                }
            }

            var active = pool.Where(p => p.Active).ToList();
            if (active.Count > target)
            {
                foreach (var p in TakeRandom(active, active.Count - target))
                {
                    p.Active = false;
                }
            }
            else
            {
                foreach (var p in TakeWeighted([.. pool.Where(p => !p.Active)], target - active.Count, weight))
                {
                    Activate(p, unemployed: true);
                }
            }
        }

        private void Activate(Person p, bool unemployed)
        {
            p.Active = true;
            var kind = _rng.NextDouble();
            p.Activity = !unemployed ? (kind < 0.5 ? Activity.Revalidering : Activity.Forrevalidering) : kind switch
            {
                < 0.24 => Activity.Virksomhedspraktik,
                < 0.36 => Activity.Loentilskud,
                < 0.72 => Activity.VejledningOpkvalificering,
                < 0.78 => Activity.Revalidering,
                < 0.86 => Activity.Forrevalidering,
                _ => Activity.Andet,
            };
            var hours = _rng.NextDouble();
            p.Hours = hours switch
            {
                < 0.15 => null,
                < 0.45 => 37,
                _ => _rng.Next(10, 37),
            };
        }

        private void ChooseLeavers()
        {
            var next = _month + 1;
            var shared = _people.Where(p => p.Role == Role.Shared).ToList();

            // Those leaving now cannot return next month, so the pool is known already.
            var pool = _people.Count(p => p.EverShared && p.Role != Role.Shared);
            _returners[next] = Math.Min(_returners[next], pool);
            var leavers = Math.Clamp(shared.Count + _newcomers[next] + _returners[next] - _target[next], 0, shared.Count);
            foreach (var p in TakeRandom(shared, leavers))
            {
                var route = _rng.NextDouble();
                p.Leaving = route switch
                {
                    < 0.45 => Route.Gone,
                    < 0.65 => Route.BenefitStopped,
                    < 0.85 => Route.JobReady,
                    < 0.95 => Route.SofClosed,
                    _ => Route.MovedToAndet,
                };
                if (p.Leaving == Route.BenefitStopped)
                {
                    p.StopDate = DayThisMonth();
                    var reason = _rng.NextDouble();
                    p.StopReason = reason < 0.6 ? "selvforsørgelse" : reason < 0.8 ? "flyttet" : "uddannelse";
                }
            }
        }

        private Person NewPerson(Role role, int caseYear)
        {
            // The evaluation (002_…): of 3,606 shared citizens in 2009 "godt 2000 var borgere med et psykisk handicap
            // og godt 1000 var misbrugere. De øvrige var borgere med handicap eller havde en anden social
            // problemstilling." A psychiatric disability belongs to Tabel 2's "psykisk syge og øvrigt socialt udsatte"
            // (psykisk_socialt_udsat); the rest, about 600, is split evenly between handicap and the other socially
            // marginalised (the source does not say how), so psykisk_socialt_udsat holds about 2,300.
            var targetGroup = _rng.NextDouble() switch
            {
                < 2000.0 / 3600 => TargetGroup.PsykiskSocialtUdsat,
                < 3000.0 / 3600 => TargetGroup.Misbrug,
                < 3300.0 / 3600 => TargetGroup.Handicap,
                _ => TargetGroup.PsykiskSocialtUdsat,
            };
            var (plain, dashed) = NewCpr();
            var placement = role == Role.SofAndet ? Pick(_placementsByUnit[(int)Unit.Andet]) : PlacementFor(targetGroup);
            var jobcentre = placement.Jobcentre is { } district && _rng.NextDouble() < 0.85 ? district : _rng.Next(Jobcentres.Length);
            _bifSequence += 1 + _rng.Next(3);
            _sofSequence += 1 + _rng.Next(9);
            var p = new Person(
                _people.Count,
                plain,
                dashed,
                string.Create(CultureInfo.InvariantCulture, $"BIF-{caseYear}-{_bifSequence:000000}"),
                string.Create(CultureInfo.InvariantCulture, $"SOF-{_sofSequence:0000000}"),
                targetGroup,
                jobcentre)
            {
                Role = role,
                Placement = placement,
                GreenLine = _rng.NextDouble() < 0.03,
                Group = role == Role.BifLowGroup ? 1 : _rng.NextDouble() < 0.6 ? 2 : 3,
                OldLowGroup = 1 + _rng.Next(3),
                Ledig = _rng.NextDouble() < 0.9,
            };
            if (role == Role.BifOnly && _rng.NextDouble() < 0.5)
            {
                p.Group = 1;
            }

            _people.Add(p);
            return p;
        }

        private (string Plain, string Dashed) NewCpr()
        {
            while (true)
            {
                // Born 1944–1990 (18–65 in 2009), day + 60: a replacement number, never a real person's.
                var born = new DateOnly(1944, 1, 1).AddDays(_rng.Next(17_167));
                var serial = _rng.Next(4000);
                var digits = ((born.Day + 60) * 100_000_000L) + (born.Month * 1_000_000L) + ((born.Year % 100) * 10_000L) + serial;
                if (_cprs.Add(digits))
                {
                    var plain = digits.ToString("0000000000", CultureInfo.InvariantCulture);
                    return (plain, string.Concat(plain.AsSpan(0, 6), "-", plain.AsSpan(6)));
                }
            }
        }

        private Placement PlacementFor(TargetGroup group)
        {
            var u = _rng.NextDouble();
            var unit = group switch
            {
                TargetGroup.Handicap => u < 0.5 ? Unit.HandicapcenterVoksen : Unit.SocialcenterVoksen,
                TargetGroup.Misbrug => u < 0.6 ? Unit.RaadgivningBehandling : u < 0.9 ? Unit.RaadgivningModtager : Unit.SocialcenterVoksen,
                _ => u < 0.9 ? Unit.SocialcenterVoksen : Unit.RaadgivningModtager,
            };
            return Pick(_placementsByUnit[(int)unit]);
        }

        // Error diffusion keeps the process-note share on target however few plans a month produces.
        private bool NextProcessNote()
        {
            _processNoteCredit += ProcessNoteShare;
            if (_processNoteCredit < _rng.NextDouble())
            {
                return false;
            }

            _processNoteCredit -= 1;
            return true;
        }

        private DateOnly DayThisMonth() => _start.AddDays(_rng.Next(_end.Day));

        private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];

        private List<Person> TakeRandom(List<Person> items, int count)
        {
            var copy = items.ToList();
            for (var i = 0; i < count; i++)
            {
                var j = _rng.Next(i, copy.Count);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            copy.RemoveRange(count, copy.Count - count);
            return copy;
        }

        // Weighted sampling without replacement (Efraimidis–Spirakis): the count exact, the choice weighted.
        private List<Person> TakeWeighted(List<Person> items, int count, Func<Person, double> weight)
        {
            if (count <= 0)
            {
                return [];
            }

            var keyed = items.Select(p => (Key: Math.Log(1 - _rng.NextDouble()) / weight(p), Person: p)).ToList();
            keyed.Sort((a, b) => b.Key.CompareTo(a.Key) is var order and not 0 ? order : a.Person.Id.CompareTo(b.Person.Id));
            return [.. keyed.Take(count).Select(k => k.Person)];
        }

        private static void Spread(int[] perMonth, int first, int months, int total)
        {
            for (var i = 0; i < months; i++)
            {
                perMonth[first + i] = (int)(((long)total * (i + 1) / months) - ((long)total * i / months));
            }
        }
    }

    private sealed class Person(int id, string cprPlain, string cprDashed, string bifCase, string sofCase, TargetGroup targetGroup, int jobcentre)
    {
        public int Id { get; } = id;

        public string CprPlain { get; } = cprPlain;

        public string CprDashed { get; } = cprDashed;

        public string BifCase { get; } = bifCase;

        public string SofCase { get; } = sofCase;

        public TargetGroup TargetGroup { get; } = targetGroup;

        public int Jobcentre { get; } = jobcentre;

        public required Role Role { get; set; }

        public required Placement Placement { get; set; }

        public bool GreenLine { get; init; }

        /// <summary>Match group in the three-group model; the five-group one is derived for the months before it.</summary>
        public int Group { get; set; }

        public int OldLowGroup { get; set; }

        public bool Ledig { get; set; }

        public bool Active { get; set; }

        public Activity Activity { get; set; }

        public int? Hours { get; set; }

        public DateOnly? JobPlan { get; set; }

        public DateOnly? StopDate { get; set; }

        public string? StopReason { get; set; }

        public DateOnly? Offered { get; set; }

        public DateOnly? ProduceDue { get; set; }

        public DateOnly? Produced { get; set; }

        public bool ProcessNote { get; set; }

        public DateOnly? FollowUp { get; set; }

        public bool Coordination { get; set; }

        public bool EverShared { get; set; }

        /// <summary>The month the current role began.</summary>
        public int Since { get; set; }

        public int LeftAt { get; set; } = -1;

        public int Remaining { get; set; }

        public Route? Leaving { get; set; }

        public bool InBif => Role is Role.Shared or Role.BifOnly or Role.BifLowGroup or Role.SofAndet;

        public bool InSof => Role is Role.Shared or Role.BifLowGroup or Role.SofAndet or Role.SofOnly;
    }

    private sealed record Placement(Unit Unit, string Centre, string Team, string Email, int? Jobcentre);

    private readonly record struct Dialect(
        Encoding Encoding,
        string NewLine,
        string DateFormat,
        string True,
        string False,
        HeaderCase HeaderCase,
        bool Reordered,
        bool DashedCpr,
        bool QuoteAll,
        bool EmptyForFalse,
        bool ExtraColumn);

    private readonly record struct FileContext(Dialect Dialect, int Month, string MonthText, DateOnly ExtractedOn);

    private enum HeaderCase
    {
        Lower,
        Upper,
        Capitalised,
        UpperCprThenCapitalised,
    }

    private enum Role
    {
        Shared,
        BifOnly,
        BifLowGroup,
        SofAndet,
        SofOnly,
        Gone,
    }

    private enum Route
    {
        Gone,
        BenefitStopped,
        JobReady,
        SofClosed,
        MovedToAndet,
    }

    private enum Unit
    {
        SocialcenterVoksen,
        RaadgivningBehandling,
        RaadgivningModtager,
        HandicapcenterVoksen,
        Andet,
    }

    private enum TargetGroup
    {
        Handicap,
        Misbrug,
        PsykiskSocialtUdsat,
    }

    private enum Activity
    {
        Virksomhedspraktik,
        Loentilskud,
        VejledningOpkvalificering,
        Revalidering,
        Forrevalidering,
        Andet,
    }

    private enum Column
    {
        Cpr,
        Maaned,
        BifSagsnr,
        Jobcenter,
        Matchmodel,
        Matchgruppe,
        Ledig,
        Aktivering,
        Aktiveringstype,
        AktiveringTimer,
        JobplanDato,
        YdelseStopDato,
        YdelseStopAarsag,
        SofSagsnr,
        Enhed,
        Center,
        Team,
        TeamEmail,
        Maalgruppe,
        HandleplanTilbudt,
        HandleplanUdarbejdet,
        HandleplanType,
        HandleplanOpfoelgning,
        GroenLinie,
        Koordinering,
        UdtraekDato,
    }
}
