namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// A shared citizen of a month (the gross list): in both extracts, normalised match group 2 or 3, a SOF unit other
/// than <c>andet</c>. Entries and exits are derived by comparing with the month before.
/// </summary>
public sealed class SharedCitizen
{
    public DateOnly Month { get; set; }

    public required byte[] Pseudonym { get; set; }

    public required string BifCaseNumber { get; set; }

    public required string SofCaseNumber { get; set; }

    public short NormalizedGroup { get; set; }

    public required string Unit { get; set; }

    public required string Centre { get; set; }

    public required string Team { get; set; }

    public required string TeamEmail { get; set; }

    public required string TargetGroup { get; set; }
}
