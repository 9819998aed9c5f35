using BifSof.Worker.Common.Dashboard;

namespace BifSof.Worker.Features.Extracts;

/// <summary>
/// Another feature's word on each imported month, shown as a column of "Indlæsninger" (KPIs computed or not; a month
/// held back for the digest, with the admin's button to confirm it). Extracts knows nothing of those features: they
/// register an implementation, in the order of the columns.
/// </summary>
public interface IMonthStatus
{
    /// <summary>The column's heading, e.g. "Nøgletal".</summary>
    string Heading { get; }

    /// <summary>The notes of the months that have one; a month without a note shows an empty cell.</summary>
    Task<IReadOnlyDictionary<DateOnly, MonthNote>> ReadAsync(DashboardRequest request, CancellationToken cancellationToken);
}

/// <param name="Text">What the cell says.</param>
/// <param name="Warning">The month needs an admin's attention: the row is marked.</param>
/// <param name="Action">An admin's button (a dashboard command, POST), with its label and the question it asks first.</param>
public sealed record MonthNote(string Text, bool Warning = false, MonthAction? Action = null);

public sealed record MonthAction(string Url, string Label, string Confirm);
