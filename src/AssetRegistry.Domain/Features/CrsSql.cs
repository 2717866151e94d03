using AssetRegistry.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// The SQL that moves geometries between a <see cref="SupportedCrs"/> and the storage CRS (SRID 4326, longitude
/// first): query shapes are transformed to 4326 so the GiST index on <c>t.geometry</c> is used (the column is never
/// transformed in a predicate), and output geometries are transformed and, for a northing-first CRS, flipped at
/// the very end. SRIDs are written into the SQL only from <see cref="SupportedCrs.All"/>; coordinates are parameters.
/// </summary>
public static class CrsSql
{
    /// <summary>Decimal places kept for a projected CRS's metres: 3 is a millimetre.</summary>
    public const int ProjectedCoordinateDecimals = 3;

    /// <summary>Each side of a box given in another CRS is cut into this many pieces before it is transformed,
    /// so the box's curved edges in longitude/latitude are followed to well under a metre at city scale.</summary>
    public const int BoxEdgeSegments = 16;

    /// <summary>
    /// A SQL expression for the box (<paramref name="minX"/>, <paramref name="minY"/>) – (<paramref name="maxX"/>,
    /// <paramref name="maxY"/>), in <paramref name="crs"/>'s units with easting/longitude as x whatever the CRS's
    /// axis order, as a polygon in SRID 4326. Appends its values to <paramref name="values"/>.
    /// </summary>
    public static string BoxIn4326(List<object> values, double minX, double minY, double maxX, double maxY, SupportedCrs crs)
    {
        var n = values.Count;
        values.AddRange([minX, minY, maxX, maxY]);
        var envelope = $"ST_MakeEnvelope(${n + 1},${n + 2},${n + 3},${n + 4},{crs.Srid})";
        if (crs.Srid == 4326) return envelope;
        values.Add(Math.Max(Math.Max(maxX - minX, maxY - minY) / BoxEdgeSegments, 1e-9));
        return $"ST_Transform(ST_Segmentize({envelope},${n + 5}),4326)";
    }

    /// <summary>
    /// A SQL expression for a geometry written in <paramref name="crs"/> and in its axis order (northing first for
    /// EPSG:4326, 4490, 4547–4549), as a geometry in SRID 4326. The axes are swapped here, the transform is left to
    /// PostGIS. Appends the WKT to <paramref name="values"/>.
    /// </summary>
    public static string GeometryIn4326(List<object> values, Geometry geometry, SupportedCrs crs)
    {
        var g = crs.NorthingFirst ? Flip(geometry) : geometry;
        values.Add(g.AsText());
        var literal = $"ST_GeomFromText(${values.Count},{crs.Srid})";
        return crs.Srid == 4326 ? literal : $"ST_Transform({literal},4326)";
    }

    /// <summary>The x/y order PostGIS wants from four numbers written in <paramref name="crs"/>'s axis order
    /// (<c>bbox</c>, <c>BBOX(…)</c>): (minX, minY, maxX, maxY) with x the easting or longitude.</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY) EastingFirst(double a, double b, double c, double d, SupportedCrs crs) =>
        crs.NorthingFirst ? (b, a, d, c) : (a, b, c, d);

    /// <summary>A SQL expression of json type: the geometry over alias <c>t</c> as GeoJSON in <paramref name="crs"/>,
    /// in its axis order, with 7 decimals for degrees (about 1 cm) and 3 for metres, and no <c>crs</c> member (the
    /// response's <c>Content-Crs</c> header names the CRS, as OGC API – Features Part 2 asks).</summary>
    public static string GeoJsonGeometry(SupportedCrs crs)
    {
        if (crs == SupportedCrs.Crs84) return $"ST_AsGeoJSON(t.geometry,{FeatureSql.CoordinateDecimals})::json";
        var g = crs.Srid == 4326 ? "t.geometry" : $"ST_Transform(t.geometry,{crs.Srid})";
        if (crs.NorthingFirst) g = $"ST_FlipCoordinates({g})";
        return $"ST_AsGeoJSON({g},{(crs.Projected ? ProjectedCoordinateDecimals : FeatureSql.CoordinateDecimals)},0)::json";
    }

    private static Geometry Flip(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new SwapXy());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class SwapXy : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                seq.SetX(i, seq.GetY(i));
                seq.SetY(i, x);
            }
        }
    }
}
