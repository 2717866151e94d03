namespace AssetRegistry.Domain.WorkLists;

/// <summary>A position in a local plane, metres east (<see cref="X"/>) and north (<see cref="Y"/>) of a frame's origin.</summary>
public readonly record struct PlanarPoint(double X, double Y)
{
    /// <summary>Straight-line distance to <paramref name="other"/>, metres.</summary>
    public double DistanceTo(PlanarPoint other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}

/// <summary>
/// A local metric frame around a reference point: WGS 84 longitude/latitude (SRID 4326) projected
/// equirectangularly with the ellipsoid's radii of curvature at the reference latitude (prime vertical N·cos φ₀
/// east–west, meridian M north–south). Within a district (tens of kilometres) distances agree with PostGIS
/// <c>geography</c> to about 0.1 %, which is all a route ordering needs; it is not a survey projection (use CGCS2000
/// Gauss–Krüger, EPSG:4547–4549, for that). Cost: two multiplications per point.
/// </summary>
public sealed class LocalMetricFrame
{
    /// <summary>WGS 84 semi-major axis, metres.</summary>
    public const double SemiMajorAxisMetres = 6_378_137.0;

    /// <summary>WGS 84 first eccentricity squared.</summary>
    public const double EccentricitySquared = 0.00669437999014;

    private readonly double _metresPerDegreeLon;
    private readonly double _metresPerDegreeLat;

    /// <summary>A frame whose origin is (<paramref name="originLon"/>, <paramref name="originLat"/>), degrees WGS 84.</summary>
    public LocalMetricFrame(double originLon, double originLat)
    {
        OriginLon = originLon;
        OriginLat = originLat;
        var phi = originLat * Math.PI / 180;
        var w = 1 - EccentricitySquared * Math.Sin(phi) * Math.Sin(phi);
        var primeVertical = SemiMajorAxisMetres / Math.Sqrt(w);
        var meridian = SemiMajorAxisMetres * (1 - EccentricitySquared) / (w * Math.Sqrt(w));
        _metresPerDegreeLon = primeVertical * Math.Cos(phi) * Math.PI / 180;
        _metresPerDegreeLat = meridian * Math.PI / 180;
    }

    /// <summary>Origin longitude, degrees.</summary>
    public double OriginLon { get; }

    /// <summary>Origin latitude, degrees.</summary>
    public double OriginLat { get; }

    /// <summary>A frame around the mean of <paramref name="positions"/> (lon, lat degrees); at least one is required.</summary>
    public static LocalMetricFrame Around(IReadOnlyCollection<(double Lon, double Lat)> positions)
    {
        if (positions.Count == 0) throw new ArgumentException("A frame needs at least one position.", nameof(positions));
        return new LocalMetricFrame(positions.Average(p => p.Lon), positions.Average(p => p.Lat));
    }

    /// <summary>The position (degrees WGS 84) in metres east and north of the origin.</summary>
    public PlanarPoint Project(double lon, double lat) =>
        new((lon - OriginLon) * _metresPerDegreeLon, (lat - OriginLat) * _metresPerDegreeLat);
}
