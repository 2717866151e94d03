using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>
/// Metric measures on the WGS 84 ellipsoid for short lines and small polygons (up to a few kilometres), using the
/// meridian and prime-vertical radii of curvature at the local latitude. For the seed city's extents they agree with
/// PostGIS <c>ST_Length(geom::geography)</c> and <c>ST_Area(geom::geography)</c> to better than 0.01 %.
/// </summary>
public static class Geodesy
{
    private const double SemiMajorAxis = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private static readonly double EccentricitySquared = Flattening * (2 - Flattening);
    private const double Radians = Math.PI / 180;

    /// <summary>Meridian radius of curvature (metres) at <paramref name="latitudeDeg"/> degrees.</summary>
    public static double MeridianRadius(double latitudeDeg)
    {
        var s = Math.Sin(latitudeDeg * Radians);
        return SemiMajorAxis * (1 - EccentricitySquared) / Math.Pow(1 - EccentricitySquared * s * s, 1.5);
    }

    /// <summary>Prime-vertical radius of curvature (metres) at <paramref name="latitudeDeg"/> degrees.</summary>
    public static double PrimeVerticalRadius(double latitudeDeg)
    {
        var s = Math.Sin(latitudeDeg * Radians);
        return SemiMajorAxis / Math.Sqrt(1 - EccentricitySquared * s * s);
    }

    /// <summary>Distance in metres between two longitude/latitude (SRID 4326) coordinates a few km apart at most.</summary>
    public static double DistanceMetres(Coordinate a, Coordinate b)
    {
        var midLat = (a.Y + b.Y) / 2;
        var dy = MeridianRadius(midLat) * (b.Y - a.Y) * Radians;
        var dx = PrimeVerticalRadius(midLat) * Math.Cos(midLat * Radians) * (b.X - a.X) * Radians;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Geodesic length in metres of a SRID 4326 line: the sum of its segments' lengths.</summary>
    public static double LengthMetres(LineString line)
    {
        var total = 0.0;
        var cs = line.CoordinateSequence;
        for (var i = 1; i < cs.Count; i++) total += DistanceMetres(cs.GetCoordinate(i - 1), cs.GetCoordinate(i));
        return total;
    }

    /// <summary>Geodesic area in square metres of a SRID 4326 polygon (exterior minus holes), always positive.</summary>
    public static double AreaSquareMetres(Polygon polygon)
    {
        var area = Math.Abs(RingArea(polygon.ExteriorRing.Coordinates));
        foreach (var hole in polygon.InteriorRings) area -= Math.Abs(RingArea(hole.Coordinates));
        return area;
    }

    private static double RingArea(Coordinate[] ring)
    {
        var lat0 = ring.Average(c => c.Y);
        var lon0 = ring[0].X;
        var ky = MeridianRadius(lat0) * Radians;
        var kx = PrimeVerticalRadius(lat0) * Math.Cos(lat0 * Radians) * Radians;
        var sum = 0.0;
        for (var i = 1; i < ring.Length; i++)
        {
            double x1 = (ring[i - 1].X - lon0) * kx, y1 = (ring[i - 1].Y - lat0) * ky;
            double x2 = (ring[i].X - lon0) * kx, y2 = (ring[i].Y - lat0) * ky;
            sum += x1 * y2 - x2 * y1;
        }
        return sum / 2;
    }
}

/// <summary>
/// A local east/north plane in metres around a fixed origin, used to lay out the seed city. Conversion back to
/// longitude/latitude rounds to 7 decimals (about 1 cm) so that equal plane points give equal WGS 84 coordinates.
/// </summary>
public sealed class LocalFrame(double originLon, double originLat)
{
    private readonly double _kx = Geodesy.PrimeVerticalRadius(originLat) * Math.Cos(originLat * Math.PI / 180) * Math.PI / 180;
    private readonly double _ky = Geodesy.MeridianRadius(originLat) * Math.PI / 180;

    /// <summary>Longitude/latitude (degrees, rounded to 1e-7) of plane point (<paramref name="x"/> east, <paramref name="y"/> north) in metres.</summary>
    public Coordinate ToLonLat(double x, double y) =>
        new(Math.Round(originLon + x / _kx, 7), Math.Round(originLat + y / _ky, 7));

    /// <summary>Plane point in metres of a longitude/latitude in degrees.</summary>
    public (double X, double Y) ToPlane(double lon, double lat) => ((lon - originLon) * _kx, (lat - originLat) * _ky);
}
