using System.Text;
using BifSof.Worker.Common.Dashboard;
using Hangfire.Dashboard;

namespace BifSof.Worker.Features.Kpis;

/// <summary>Serves the KPI table as <c>noegletal.csv</c>, behind the dashboard's own authorization.</summary>
internal sealed class KpiExportDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var all = await context.Services().GetRequiredService<KpiService>().AllAsync(context.GetHttpContext().RequestAborted);
        var response = context.GetHttpContext().Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"noegletal.csv\"";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(KpiExport.ToCsv(all)), context.GetHttpContext().RequestAborted);
    }
}
