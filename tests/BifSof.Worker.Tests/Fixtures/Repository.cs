namespace BifSof.Worker.Tests.Fixtures;

/// <summary>Paths inside the repository, found from the test binary upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string Catalogue => Path.Combine(Root, "data", "strategy-2009-2011.yaml");

    /// <summary>The strategy's source documents as text (OCR), which the catalogue quotes.</summary>
    public static string Seeds => Path.Combine(Root, "data", "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BifSofWorker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BifSofWorker.sln not found above the test binary.");
    }
}
