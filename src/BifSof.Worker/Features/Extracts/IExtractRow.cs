namespace BifSof.Worker.Features.Extracts;

/// <summary>What the import reads of any stored extract row, BIF or SOF: its month, its line in the file and its key.</summary>
public interface IExtractRow
{
    DateOnly Month { get; }

    int Line { get; }

    byte[] Pseudonym { get; }
}
