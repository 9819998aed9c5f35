namespace BifSof.Worker.Common.Templating;

/// <summary>One or more templates do not parse or are incomplete; each error names its file and line.</summary>
public sealed class TemplateCheckException : Exception
{
    public TemplateCheckException()
    {
        Errors = [];
    }

    public TemplateCheckException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public TemplateCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public TemplateCheckException(string folder, IReadOnlyList<string> errors)
        : base($"Broken templates in '{folder}': {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
