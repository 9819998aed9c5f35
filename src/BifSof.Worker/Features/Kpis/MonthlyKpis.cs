using System.Text.Json.Serialization;

namespace BifSof.Worker.Features.Kpis;

/// <summary>A month's KPIs in the JSON shape of docs/cli.md (<c>kpi YYYY-MM --json</c>); fields may be added, never renamed.</summary>
public sealed record MonthlyKpis(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("sharedCitizens")] int SharedCitizens,
    [property: JsonPropertyName("entries")] int? Entries,
    [property: JsonPropertyName("exits")] int? Exits,
    [property: JsonPropertyName("activation")] ActivationKpi Activation,
    [property: JsonPropertyName("socialPlans")] SocialPlanKpi SocialPlans,
    [property: JsonPropertyName("novemberMeasurement")] bool NovemberMeasurement,
    [property: JsonPropertyName("computedAt")] DateTimeOffset ComputedAt);

/// <param name="CountedGroups">The normalised match groups the population rule in force counts.</param>
/// <param name="FteRate">Full-time equivalents (hours ÷ 37, at most 1 per person) ÷ population; activated people without
/// hours count 0. Today's national statistics use FTE; the strategy's own measure is the head count <paramref name="Rate"/>.</param>
public sealed record ActivationKpi(
    [property: JsonPropertyName("population")] int Population,
    [property: JsonPropertyName("activated")] int Activated,
    [property: JsonPropertyName("rate")] decimal? Rate,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("targetOriginal")] decimal? TargetOriginal,
    [property: JsonPropertyName("byTargetGroup")] IReadOnlyDictionary<string, GroupKpi> ByTargetGroup,
    [property: JsonPropertyName("countedGroups")] IReadOnlyList<int> CountedGroups,
    [property: JsonPropertyName("fteRate")] decimal? FteRate,
    [property: JsonPropertyName("activatedWithHours")] int ActivatedWithHours);

public sealed record GroupKpi(
    [property: JsonPropertyName("population")] int Population,
    [property: JsonPropertyName("activated")] int Activated,
    [property: JsonPropertyName("rate")] decimal? Rate);

public sealed record SocialPlanKpi(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("offeredYtd")] int OfferedYtd,
    [property: JsonPropertyName("producedYtd")] int ProducedYtd,
    [property: JsonPropertyName("processNotesYtd")] int ProcessNotesYtd,
    [property: JsonPropertyName("processNoteShare")] decimal? ProcessNoteShare,
    [property: JsonPropertyName("target")] decimal? Target,
    [property: JsonPropertyName("targetOriginal")] decimal? TargetOriginal,
    [property: JsonPropertyName("bothPlans")] int BothPlans);
