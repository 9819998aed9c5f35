namespace BifSof.Worker.Features.Catalogue;

public sealed class CatalogueLoadReport(string file)
{
    public string File { get; } = file;

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Retired { get; set; }

    public override string ToString() =>
        $"{File}: {Added} added, {Updated} updated, {Retired} no longer in the catalogue";
}
