namespace BifSof.Worker.Features.Digest;

/// <summary>
/// Overdue social plans per SOF centre and kind as of a day, for the digest's column "overdue plans by kind". The
/// social-plan chasers answer it; until they are registered the digest says the figure is not available rather than
/// showing a zero nobody counted.
/// </summary>
public interface IOverduePlanCounts
{
    /// <summary>Counts as of <paramref name="asOf"/>; a centre and kind without overdue plans may be left out.</summary>
    Task<IReadOnlyList<OverduePlanCount>> CountAsync(DateOnly asOf, CancellationToken cancellationToken);
}

/// <param name="Kind"><c>offer</c>, <c>production</c> or <c>followUp</c>, as in <c>overdue --json</c> (docs/cli.md).</param>
public sealed record OverduePlanCount(string Centre, string Kind, int Count);
