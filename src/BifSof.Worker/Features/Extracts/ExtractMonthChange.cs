namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// What an import changed: one source's rows of a month were replaced (a first import or a correction) and, when both
/// extracts are in, the month was matched anew. Whatever is derived from the month decides for itself what that
/// makes stale.
/// </summary>
/// <param name="Month">First day of the month.</param>
/// <param name="Source">Whose extract replaced the month's rows.</param>
/// <param name="SharedCitizens">The month's shared citizens after the matching; null while an extract is missing.</param>
public sealed record ExtractMonthChange(DateOnly Month, ExtractSource Source, int? SharedCitizens)
{
    /// <summary>Both extracts of the month are in and were matched.</summary>
    public bool Matched => SharedCitizens is not null;
}
