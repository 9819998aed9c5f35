namespace BifSof.Worker.Features.Retention;

/// <summary>How long personal rows are kept, section <c>Retention</c> (docs/operations.md, "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Rows that identify citizens are deleted once they are older than this many whole years: extract rows of a month
    /// that began before the cut-off day's month, records and e-mails dated before the cut-off day. Default 5.
    /// </summary>
    public int Years { get; set; } = 5;
}
