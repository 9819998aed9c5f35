using BifSof.Worker.Common;
using Scriban.Runtime;

namespace BifSof.Worker.Common.Templating;

/// <summary>The formatting functions every template may call: <c>{{ due | da_date }}</c> gives <c>17. marts 2010</c>.</summary>
public static class DanishFunctions
{
    public static void Import(ScriptObject globals)
    {
        globals.Import("da_date", new Func<DateTime, string>(date => DanishFormat.Date(DateOnly.FromDateTime(date))));
        globals.Import("da_datetime", new Func<DateTime, string>(utc => DanishFormat.DateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))));
        globals.Import("da_percent", new Func<decimal, string>(fraction => DanishFormat.Percent(fraction)));
        globals.Import("da_number", new Func<decimal, string>(value => DanishFormat.Number(value)));
    }
}
