namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// A random id for one test run's names and addresses, of letters only. Hex digits could line up as ten digits, which
/// the importer rightly refuses outside the cpr column as a CPR number (seen: a digest scenario whose id began
/// 181278…, an address refused on every line of its SOF file).
/// </summary>
public static class RunId
{
    public static string New(int length = 10) =>
        string.Concat(Guid.NewGuid().ToString("N")[..length].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
}
