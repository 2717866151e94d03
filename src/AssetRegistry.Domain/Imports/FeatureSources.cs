using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Imports;

/// <summary>Opens an import file with the reader for its format.</summary>
public static class FeatureSources
{
    /// <summary>The format names <see cref="OpenAsync"/> knows, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<string> Formats = ["csv", "geojson", "shapefile", "geopackage"];

    /// <summary>The format for a file name's extension (<c>.csv</c>, <c>.geojson</c>/<c>.json</c>, <c>.zip</c>,
    /// <c>.gpkg</c>), or null.</summary>
    public static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".geojson" or ".json" => "geojson",
        ".zip" => "shapefile",
        ".gpkg" => "geopackage",
        _ => null,
    };

    /// <summary>Opens <paramref name="path"/> as <paramref name="format"/>. Throws <see cref="ImportFileException"/>
    /// when the file cannot be read as that format, and <see cref="AssetValidationException"/> (field
    /// <c>format</c>) for a format this build cannot read.</summary>
    public static async Task<IFeatureSource> OpenAsync(string format, string path, ImportOptions options, CancellationToken ct = default)
    {
        switch (format)
        {
            case "csv":
                return await CsvFeatureSource.OpenAsync(path, options, ct);
            case "geojson":
                return await GeoJsonFeatureSource.OpenAsync(path, options, ct);
            case "shapefile":
                return await ShapefileFeatureSource.OpenAsync(path, new ShapefileOptions { Limits = options.Zip, TempRoot = options.TempRoot }, ct);
            case "geopackage":
                return await GeoPackageFeatureSource.OpenAsync(path, layer: null, ct);
            default:
                var errors = new ValidationErrors();
                errors.Add("format", new LocalizedText($"Unknown format '{format}'; expected one of {string.Join(", ", Formats)}.",
                    $"未知格式“{format}”，应为 {string.Join("、", Formats)} 之一。"));
                throw new AssetValidationException(errors);
        }
    }
}
