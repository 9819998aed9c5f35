using System.Text;
using BifSof.Worker.Common.Dashboard;
using Hangfire.Dashboard;

namespace BifSof.Worker.Features.SocialPlans;

/// <summary>Serves the overdue list as of the page's day as <c>handleplaner-over-frist-DATO.csv</c>, behind the dashboard's authorization.</summary>
internal sealed class OverdueExportDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var services = context.Services();
        var asOf = SocialPlansPage.AsOf(context.Request.GetQuery("pr"), services.GetRequiredService<TimeProvider>());
        var token = context.GetHttpContext().RequestAborted;
        var cases = await services.GetRequiredService<OverdueCases>().ListAsync(asOf, token);
        var response = context.GetHttpContext().Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"handleplaner-over-frist-{asOf:yyyy-MM-dd}.csv\"";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(OverdueExport.ToCsv(cases)), token);
    }
}
