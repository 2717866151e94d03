using System.Globalization;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Attribute values as text for the text formats (CSV, and XLSX where a cell type would lose something):
/// invariant culture, numbers round-trippable (<c>R</c>), booleans <c>true</c>/<c>false</c>, dates
/// <c>yyyy-MM-dd</c>, timestamps ISO 8601 in UTC with a <c>Z</c>.
/// </summary>
public static class ExportValues
{
    /// <summary>ISO 8601 UTC with up to 7 fractional digits (PostgreSQL keeps microseconds).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>The value as text; null becomes the empty string.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The column names CSV and XLSX add after the attributes for a point kind: lon/lat in a geographic
    /// CRS, x/y (easting, northing, metres) in a projected one.</summary>
    public static (string X, string Y) XyNames(bool projected) => projected ? ("x", "y") : ("lon", "lat");

    /// <summary>The column holding the geometry as WKT in CSV and XLSX.</summary>
    public const string WktColumn = "wkt";
}
