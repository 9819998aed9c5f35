namespace BifSof.Worker.Features.Mail;

public sealed record RenderedEmail(string Subject, string Html, string Text);
