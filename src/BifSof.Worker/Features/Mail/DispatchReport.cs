using BifSof.Worker.Common;

namespace BifSof.Worker.Features.Mail;

/// <summary>What one dispatch run did; shown on the job's dashboard page and printed by <c>dispatch</c>.</summary>
public sealed class DispatchReport
{
    public int Sent { get; set; }

    public int Failed { get; set; }

    public int Dead { get; set; }

    /// <summary>E-mails this run had claimed but did not send, because another dispatcher took them over.</summary>
    public int TakenOver { get; set; }

    public int StillPending { get; set; }

    /// <summary>How many SMTP sessions this run opened (at most <see cref="SmtpOptions.Sessions"/>).</summary>
    public int Sessions { get; set; }

    public override string ToString() =>
        $"sendt {DanishFormat.Number(Sent)}, fejlet {DanishFormat.Number(Failed)}, opgivet {DanishFormat.Number(Dead)}, overtaget af en anden udsender {DanishFormat.Number(TakenOver)}, venter stadig {DanishFormat.Number(StillPending)}";
}
