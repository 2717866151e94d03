namespace AssetRegistry.Domain.Imports;

/// <summary>
/// The codes a reader puts in <see cref="SourceRow.GeometryProblem"/>; the pipeline turns them into bilingual
/// refusals. Anything else is taken as a reader's own English explanation of an unreadable geometry.
/// </summary>
public static class SourceGeometryProblems
{
    /// <summary>The row has no geometry (null, empty cells).</summary>
    public const string Missing = "missing";

    /// <summary>The geometry has more vertices than <see cref="ImportOptions.MaxVertices"/>; its coordinates were
    /// not kept.</summary>
    public const string TooManyVertices = "too-many-vertices";

    /// <summary>A coordinate is NaN or infinite.</summary>
    public const string NonFinite = "non-finite";

    /// <summary>Prefix of "the geometry cannot be read: …" followed by the reader's detail.</summary>
    public const string UnreadablePrefix = "unreadable: ";
}
