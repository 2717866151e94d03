using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// One record read from an import file, before any conversion: its 1-based position in the file, its fields as
/// the file holds them (string, long, double, bool, DateTime or null; names as in the file) and its geometry in
/// the file's coordinates, easting/longitude first. When the geometry could not be read,
/// <see cref="Geometry"/> is null and <see cref="GeometryProblem"/> says why (bilingual text is made later).
/// </summary>
public sealed record SourceRow(long Number, IReadOnlyDictionary<string, object?> Fields, Geometry? Geometry, string? GeometryProblem);

/// <summary>
/// A file being imported, read forward-only so memory stays flat whatever the file's size. Implementations:
/// one per format (CSV, GeoJSON, zipped Shapefile, GeoPackage).
/// </summary>
public interface IFeatureSource : IAsyncDisposable
{
    /// <summary>Format name: <c>csv</c>, <c>geojson</c>, <c>shapefile</c> or <c>geopackage</c>.</summary>
    string Format { get; }

    /// <summary>The SRID the file itself declares (.prj, GeoPackage srs, GeoJSON <c>crs</c>), or null when it
    /// declares none; the importer then needs a declared CRS.</summary>
    int? FileSrid { get; }

    /// <summary>The field names in file order.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Reads the records in file order, once.</summary>
    IAsyncEnumerable<SourceRow> ReadAsync(CancellationToken ct);
}

/// <summary>A source that can tell how far through its file it has read, for the run's progress.</summary>
public interface IReadProgress
{
    /// <summary>The share of the file read so far, 0 to 1.</summary>
    double Fraction { get; }
}
