namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// A file format the registry exports a collection to: its <c>format</c> parameter value, file extension, media
/// type and titles for the export dialog.
/// </summary>
public sealed record ExportFormat(string Id, string Extension, string ContentType, string TitleZh, string TitleEn)
{
    /// <summary>RFC 7946 GeoJSON (with the 2008 <c>crs</c> member when the CRS is not CRS84); streamed.</summary>
    public static readonly ExportFormat GeoJson = new("geojson", ".geojson", "application/geo+json", "GeoJSON", "GeoJSON");

    /// <summary>A zip holding .shp, .shx, .dbf (UTF-8), .cpg and .prj; one Shapefile per geometry type.</summary>
    public static readonly ExportFormat Shapefile = new("shapefile", ".zip", "application/zip", "Shapefile（ZIP 压缩包）", "Shapefile (zipped)");

    /// <summary>An OGC GeoPackage 1.3 file with one feature table.</summary>
    public static readonly ExportFormat GeoPackage = new("geopackage", ".gpkg", "application/geopackage+sqlite3", "GeoPackage", "GeoPackage");

    /// <summary>UTF-8 CSV with a byte-order mark, geometry as WKT; streamed.</summary>
    public static readonly ExportFormat Csv = new("csv", ".csv", "text/csv; charset=utf-8", "CSV（Excel 可直接打开）", "CSV (opens in Excel)");

    /// <summary>An Excel workbook: the features, then a 字段说明 sheet describing the columns.</summary>
    public static readonly ExportFormat Xlsx = new("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 工作簿", "Excel workbook");

    /// <summary>Every format, in the order the export dialog offers them.</summary>
    public static readonly IReadOnlyList<ExportFormat> All = [GeoJson, Shapefile, GeoPackage, Csv, Xlsx];

    /// <summary>The format with this id (case-insensitive), or null.</summary>
    public static ExportFormat? Find(string? id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
}
