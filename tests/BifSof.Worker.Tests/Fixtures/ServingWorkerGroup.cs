namespace BifSof.Worker.Tests.Fixtures;

/// <summary>
/// Hangfire keeps process-wide state (its log provider, the current storage), so a test process runs at most one
/// serving worker: every class that needs one joins this collection and shares it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServingWorkerGroup : ICollectionFixture<ServingWorker>
{
    public const string Name = "serving worker";
}
