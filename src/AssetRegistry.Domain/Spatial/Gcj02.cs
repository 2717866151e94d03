namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// GCJ-02 ("Mars coordinates", the offset datum of AMap and Tencent maps) to and from WGS 84, by the published
/// closed-form approximation of the forward offset, inverted by fixed-point iteration. Accurate to well under a
/// metre inside China; outside China GCJ-02 equals WGS 84 and points pass through unchanged.
/// </summary>
public static class Gcj02
{
    private const double A = 6378245.0;             // Krasovsky 1940 semi-major axis, metres
    private const double Ee = 0.00669342162296594323; // its first eccentricity squared

    /// <summary>WGS 84 → GCJ-02, degrees.</summary>
    public static (double Lon, double Lat) FromWgs84(double lon, double lat)
    {
        if (OutsideChina(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 → WGS 84, degrees; iterates until the round trip is within 1e-9° (about 0.1 mm).</summary>
    public static (double Lon, double Lat) ToWgs84(double lon, double lat)
    {
        if (OutsideChina(lon, lat)) return (lon, lat);
        double wLon = lon, wLat = lat;
        for (var i = 0; i < 30; i++)
        {
            var (gLon, gLat) = FromWgs84(wLon, wLat);
            double eLon = gLon - lon, eLat = gLat - lat;
            wLon -= eLon;
            wLat -= eLat;
            if (Math.Abs(eLon) < 1e-9 && Math.Abs(eLat) < 1e-9) break;
        }
        return (wLon, wLat);
    }

    private static bool OutsideChina(double lon, double lat) => lon is < 72.004 or > 137.8347 || lat is < 0.8293 or > 55.8271;

    private static (double dLon, double dLat) Offset(double lon, double lat)
    {
        double x = lon - 105.0, y = lat - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
                   + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
                   + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
                   + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
                   + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
                   + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
                   + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }
}
