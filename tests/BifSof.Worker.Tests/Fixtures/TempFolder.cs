namespace BifSof.Worker.Tests.Fixtures;

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bifsof-test-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>A copy of the repository's templates, to break one on purpose.</summary>
    public static TempFolder WithTemplates()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Repository.Templates))
        {
            File.Copy(file, System.IO.Path.Combine(folder.Path, System.IO.Path.GetFileName(file)));
        }

        return folder;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
