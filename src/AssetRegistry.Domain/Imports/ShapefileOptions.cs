using System.Text;

namespace AssetRegistry.Domain.Imports;

/// <summary>How to open a zipped Shapefile.</summary>
public sealed record ShapefileOptions
{
    /// <summary>The attributes' encoding as the user declared it; used only when the zip's <c>.cpg</c> and the DBF's
    /// language driver byte name none (or the .cpg names one that is not known). Null: guess UTF-8 when the DBF is
    /// valid UTF-8, GBK otherwise.</summary>
    public Encoding? DeclaredEncoding { get; init; }

    /// <summary>The Shapefile's name without <c>.shp</c> (any folder ignored), when the zip holds several; null
    /// when it holds one.</summary>
    public string? Layer { get; init; }

    /// <summary>What the zip may unpack to.</summary>
    public ZipLimits Limits { get; init; } = new();

    /// <summary>The folder under which a private temporary folder is made for the extracted parts; null for the
    /// system's temporary folder.</summary>
    public string? TempRoot { get; init; }
}
