namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// A coordinate reference system the registry reads and writes besides its storage CRS (WGS 84, SRID 4326,
/// longitude first). <see cref="NorthingFirst"/> follows the EPSG definition's axis order: EPSG:4326 and
/// EPSG:4490 are latitude, longitude; the CGCS2000 3-degree Gauss–Krüger CRSs (EPSG:4547–4549) are northing (X),
/// easting (Y). CRS84 is longitude, latitude. PostGIS always works easting/longitude first, so a northing-first
/// CRS needs <c>ST_FlipCoordinates</c> at the edge (checked against GDAL's EPSG database, <c>gdalsrsinfo</c>).
/// </summary>
public sealed record SupportedCrs(string Uri, int Srid, bool NorthingFirst, bool Projected, string TitleZh, string TitleEn)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>The storage CRS: WGS 84 longitude, latitude.</summary>
    public static readonly SupportedCrs Crs84 = new(Crs84Uri, 4326, false, false, "WGS 84 经纬度（经度在前）", "WGS 84 longitude/latitude");

    /// <summary>Every CRS accepted for <c>crs</c>, <c>bbox-crs</c>, <c>filter-crs</c>, imports and exports.</summary>
    public static readonly IReadOnlyList<SupportedCrs> All =
    [
        Crs84,
        new("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, false, "WGS 84（纬度在前）", "WGS 84 latitude/longitude"),
        new("http://www.opengis.net/def/crs/EPSG/0/4490", 4490, true, false, "CGCS2000 地理坐标", "CGCS2000 geographic"),
        new("http://www.opengis.net/def/crs/EPSG/0/4547", 4547, true, true, "CGCS2000 3度带高斯-克吕格 中央经线114°E", "CGCS2000 3-degree Gauss–Krüger CM 114°E"),
        new("http://www.opengis.net/def/crs/EPSG/0/4548", 4548, true, true, "CGCS2000 3度带高斯-克吕格 中央经线117°E", "CGCS2000 3-degree Gauss–Krüger CM 117°E"),
        new("http://www.opengis.net/def/crs/EPSG/0/4549", 4549, true, true, "CGCS2000 3度带高斯-克吕格 中央经线120°E", "CGCS2000 3-degree Gauss–Krüger CM 120°E"),
    ];

    /// <summary>The CRS for a URI (also <c>EPSG:nnnn</c>, <c>[EPSG:nnnn]</c> and <c>CRS84</c> shorthands), or null.</summary>
    public static SupportedCrs? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Trim('[', ']');
        if (t.Equals("CRS84", StringComparison.OrdinalIgnoreCase) || t.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase)) return Crs84;
        if (t.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) && int.TryParse(t[5..], out var srid))
            return All.FirstOrDefault(c => c.Srid == srid && c.Uri.Contains("/EPSG/", StringComparison.Ordinal));
        return All.FirstOrDefault(c => c.Uri.Equals(t, StringComparison.Ordinal) || c.Uri.Replace("http://", "https://", StringComparison.Ordinal).Equals(t, StringComparison.Ordinal));
    }
}
