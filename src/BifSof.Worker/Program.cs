using BifSof.Worker.Hosting.Cli;

return await WorkerCommandLine.RunAsync(args);

/// <summary>The entry point; everything else lives in Hosting/ and Features/.</summary>
public partial class Program;
