using BifSof.Worker.Common;
using BifSof.Worker.Common.Dashboard;
using BifSof.Worker.Common.Jobs;
using Microsoft.Extensions.Options;

namespace BifSof.Worker.Features.Mail;

/// <summary>E-mail: templates (checked at start-up), the outbox, its dispatcher and job, and the page "Udsendelser".</summary>
public static class MailFeature
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<SmtpOptions, SmtpOptionsValidator>(SmtpOptions.Section);
        builder.Services.AddSingleton(sp => new MailTemplates(sp.GetRequiredService<IOptions<BifSofOptions>>().Value.TemplatesPath, sp.GetRequiredService<DemoBanner>()));
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.AddRecurringJob<OutboxDispatchJob>("outbox-dispatch", "* * * * *", new TimeOnly(8, 0));
        builder.AddDashboardPage<OutboxPage>(OutboxPage.Path, "Udsendelser");
        builder.AddDashboardCommand(OutboxPage.Path + "/retry/(?<id>\\d+)", OutboxPage.RetryAsync);
        builder.AddDashboardCommand(OutboxPage.Path + "/testmail", OutboxPage.SendTestMailAsync);
        return builder;
    }
}
