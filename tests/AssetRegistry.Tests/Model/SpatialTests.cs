using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.GisSeed;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AssetRegistry.Tests.Model;

/// <summary>GCJ-02 conversion, district boundaries and geometry checks, WKT in, message out.</summary>
public sealed class SpatialTests
{
    private static readonly WKTReader Wkt = new(new NtsGeometryServices(new PrecisionModel(), 4326));

    private static void CheckProblem(string wkt, string? expected, params string[] allowed) =>
        Assert.Equal(expected, GeometryChecks.FindProblem(Wkt.Read(wkt), allowed.Length == 0 ? ["Point", "LineString", "Polygon"] : allowed));

    [Fact] public void ValidPoint_HasNoProblem() => CheckProblem("POINT (118.6 24.9)", null);
    [Fact] public void EmptyPoint_IsRefused() => CheckProblem("POINT EMPTY", "The geometry is empty.");
    [Fact] public void WrongType_IsRefused() => CheckProblem("LINESTRING (118.6 24.9, 118.7 24.9)", "A LineString is not accepted here; expected Point.", "Point");
    [Fact] public void ProjectedCoordinates_AreRefused() => CheckProblem("POINT (500000 2750000)", "The coordinate 500000 2750000 is not a WGS 84 longitude/latitude.");
    [Fact] public void ZeroLengthLine_IsRefused() => CheckProblem("LINESTRING (118.6 24.9, 118.6 24.9)", "The line has zero length.");
    [Fact] public void BowTie_SaysSelfIntersectionAndWhere() =>
        CheckProblem("POLYGON ((118.5902 24.9077, 118.5922 24.9097, 118.5922 24.9077, 118.5902 24.9097, 118.5902 24.9077))", "Self-intersection at 118.5912 24.9087.");

    [Theory]
    [InlineData(118.581, 24.9168)]
    [InlineData(118.6757, 24.8744)]
    [InlineData(116.4, 39.9)]
    public void Gcj02_RoundTrip_IsWithinACentimetre(double lon, double lat)
    {
        var (gLon, gLat) = Gcj02.FromWgs84(lon, lat);
        var (wLon, wLat) = Gcj02.ToWgs84(gLon, gLat);
        Assert.InRange(Math.Abs(wLon - lon), 0, 1e-7);
        Assert.InRange(Math.Abs(wLat - lat), 0, 1e-7);
    }

    [Fact]
    public void Gcj02_OffsetInQuanzhou_IsAboutFiveHundredMetres()
    {
        var (gLon, gLat) = Gcj02.FromWgs84(118.581, 24.9168);
        var metres = Math.Sqrt(Math.Pow((gLon - 118.581) * 111320 * Math.Cos(24.9168 * Math.PI / 180), 2) + Math.Pow((gLat - 24.9168) * 110570, 2));
        Assert.InRange(metres, 300, 700);
    }

    [Theory]
    [InlineData(118.581, 24.9168, "350502")]   // 开元寺 → 鲤城区
    [InlineData(118.6757, 24.8744, "350503")]  // municipal government → 丰泽区
    [InlineData(118.46056, 24.71222, "350582")] // 安海镇 → 晋江市
    public void Districts_ConvertedToWgs84_HoldTheLandmarks(double lon, double lat, string adcode)
    {
        var districts = DistrictLoader.ReadDistricts();
        var point = new Point(lon, lat);
        Assert.Equal(adcode, Assert.Single(districts, d => d.Geometry.Contains(point)).Adcode);
        Assert.DoesNotContain(districts, d => d.Adcode == "350527");
        Assert.All(districts, d => Assert.True(d.Geometry.IsValid, d.Name));
    }

    [Theory]
    [InlineData("DepthM", "depth_m")]
    [InlineData("UpstreamManholeId", "upstream_manhole_id")]
    [InlineData("AreaM2", "area_m2")]
    [InlineData("Bci", "bci")]
    [InlineData("TriggerRainfallMmH", "trigger_rainfall_mm_h")]
    public void SnakeCase_OfPropertyNames(string property, string expected) => Assert.Equal(expected, AttributeDefinition.ToSnakeCase(property));

    [Fact]
    public void EveryKind_HasCommonAttributesAndAnAcceptedGeometryType()
    {
        Assert.Equal(8, AssetKinds.All.Count);
        foreach (var kind in AssetKinds.All)
        {
            Assert.Equal(["code", "name", "district", "status", "condition", "install_date", "owner"], kind.Attributes.Take(7).Select(a => a.Name).ToArray());
            Assert.NotEmpty(kind.GeometryTypes);
            Assert.Equal(kind.Attributes.Count, kind.Attributes.Select(a => a.Name).Distinct().Count());
        }
    }
}
