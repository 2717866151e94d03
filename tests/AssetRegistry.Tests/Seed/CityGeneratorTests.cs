using AssetRegistry.GisSeed;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Union;

namespace AssetRegistry.Tests.Seed;

/// <summary>Generates the scale-0.05 city once for the tests of one class; generation is pure and takes about a second.</summary>
public sealed class SmallCityFixture
{
    public const double Scale = 0.05;

    public IReadOnlyList<(string Adcode, string Name, MultiPolygon Geometry)> Districts { get; } = DistrictLoader.ReadDistricts();

    public SeedCity City { get; }

    public SmallCityFixture() => City = CityGenerator.Generate(Scale, Districts);
}

/// <summary>Pure tests of the seed-city generator: no database.</summary>
public sealed class CityGeneratorTests(SmallCityFixture fixture) : IClassFixture<SmallCityFixture>
{
    private SeedCity City => fixture.City;

    [Fact]
    public void Generate_SameScaleTwice_GivesIdenticalChecksum()
    {
        var again = CityGenerator.Generate(SmallCityFixture.Scale, fixture.Districts);

        Assert.Equal(City.Checksum(), again.Checksum());
    }

    [Fact]
    public void Generate_DifferentScales_GivesDifferentChecksumsAndCountsInProportion()
    {
        var smaller = CityGenerator.Generate(0.02, fixture.Districts);

        Assert.NotEqual(City.Checksum(), smaller.Checksum());
        Assert.Equal(2400, smaller.Manholes.Count);
        Assert.Equal(1600, smaller.Streetlights.Count);
        Assert.Equal(100, smaller.ResidentialAreas.Count);
        Assert.InRange((double)City.Manholes.Count / smaller.Manholes.Count, 2.49, 2.51);
        Assert.InRange((double)City.Streetlights.Count / smaller.Streetlights.Count, 2.49, 2.51);
        Assert.InRange((double)City.SewerSegments.Count / smaller.SewerSegments.Count, 2.4, 2.6);
    }

    [Fact]
    public void Generate_AtFiveHundredthsScale_GivesScaleOneCountsTimesFiveHundredths()
    {
        Assert.Equal(6000, City.Manholes.Count);
        Assert.Equal(4000, City.Streetlights.Count);
        Assert.Equal(30, City.Bridges.Count);
        Assert.Equal(23, City.AncientTrees.Count);
        Assert.Equal(8, City.WaterloggingPoints.Count);
        Assert.Equal(20, City.Parks.Count);
        Assert.Equal(250, City.ResidentialAreas.Count);
        Assert.InRange(City.SewerSegments.Count, 5700, 6000);
    }

    [Fact]
    public void Generate_TinyScale_StillGivesAtLeastOneOfEachKind()
    {
        var tiny = CityGenerator.Generate(0.001, fixture.Districts);

        Assert.All(tiny.Tables(), t => Assert.NotEmpty(t.Rows));
    }

    [Fact]
    public void Generate_EverySewerSegment_EndsExactlyOnItsManholesAndFallsDownstream()
    {
        var manholes = City.Manholes.ToDictionary(m => m.Common.Id);

        Assert.All(City.SewerSegments, s =>
        {
            var line = (LineString)s.Common.Geometry;
            var up = manholes[s.UpstreamManholeId];
            var down = manholes[s.DownstreamManholeId];
            Assert.Equal(2, line.NumPoints);
            Assert.True(line.StartPoint.Coordinate.Equals2D(up.Common.Geometry.Coordinate));
            Assert.True(line.EndPoint.Coordinate.Equals2D(down.Common.Geometry.Coordinate));
            Assert.True(s.UpstreamInvertM > s.DownstreamInvertM);
            Assert.Equal(up.InvertLevelM, s.UpstreamInvertM);
            Assert.True(down.InvertLevelM <= s.DownstreamInvertM);
            Assert.Equal(s.System, up.Network);
            Assert.Equal(s.System, down.Network);
            Assert.Equal(Math.Round(Geodesy.LengthMetres(line), 3), s.LengthM);
            Assert.True(s.Slope > 0);
        });
    }

    [Fact]
    public void Generate_EveryNetwork_DrainsToAnOutfall()
    {
        var downstreamOf = City.SewerSegments.ToDictionary(s => s.UpstreamManholeId, s => s.DownstreamManholeId);
        var manholes = City.Manholes.ToDictionary(m => m.Common.Id);

        foreach (var start in downstreamOf.Keys)
        {
            var id = start;
            for (var steps = 0; downstreamOf.TryGetValue(id, out var next); steps++)
            {
                Assert.True(steps < City.Manholes.Count, "the network has a cycle");
                id = next;
            }
            Assert.True(manholes[id].IsOutfall);
        }
    }

    [Fact]
    public void Generate_EveryGeometry_IsValidInsideTheDistrictUnionAndInTheDistrictOfItsInteriorPoint()
    {
        var union = PreparedGeometryFactory.Prepare(UnaryUnionOp.Union(fixture.Districts.Select(d => (Geometry)d.Geometry).ToList()));
        var districts = fixture.Districts.Select(d => (d.Adcode, Prepared: PreparedGeometryFactory.Prepare(d.Geometry))).ToList();

        foreach (var (table, rows) in City.Tables())
            Assert.All(rows, row =>
            {
                var g = row.Common.Geometry;
                Assert.Equal(4326, g.SRID);
                Assert.True(g.IsValid, $"{table.Name} {row.Common.Id} is not valid");
                Assert.True(union.Covers(g), $"{table.Name} {row.Common.Id} is outside the districts");
                var holders = districts.Where(d => d.Prepared.Intersects(g.InteriorPoint)).Select(d => d.Adcode).ToList();
                Assert.Equal([row.Common.District], holders);
            });
    }

    [Fact]
    public void Generate_Ids_RunFromOneWithoutGapsAndCodesCarryKindDistrictAndId()
    {
        var prefixes = new Dictionary<string, string>
        {
            ["manholes"] = "MH", ["sewer_segments"] = "SS", ["streetlights"] = "SL", ["bridges"] = "BR",
            ["ancient_trees"] = "AT", ["waterlogging_points"] = "WL", ["parks"] = "PK", ["residential_areas"] = "RA",
        };
        long expected = 1;
        foreach (var (table, rows) in City.Tables())
            foreach (var row in rows)
            {
                Assert.Equal(expected++, row.Common.Id);
                Assert.Equal($"{prefixes[table.Name]}-{row.Common.District}-{row.Common.Id:D6}", row.Common.Code);
            }
    }

    [Fact]
    public void Generate_Polygons_AreCounterClockwiseWithGeodesicAreasAndParksNeverOverlapHomes()
    {
        var polygons = City.Parks.Select(p => ((Polygon)p.Common.Geometry, p.AreaM2))
            .Concat(City.ResidentialAreas.Select(r => ((Polygon)r.Common.Geometry, r.AreaM2)));
        Assert.All(polygons, p =>
        {
            Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(p.Item1.ExteriorRing.CoordinateSequence));
            Assert.Equal(Math.Round(Geodesy.AreaSquareMetres(p.Item1), 2), p.AreaM2);
        });
        Assert.All(City.Parks, p => Assert.InRange(p.Common.Geometry.NumPoints - 1, 4, 12));
        var parks = City.Parks.Select(p => PreparedGeometryFactory.Prepare(p.Common.Geometry)).ToList();
        Assert.DoesNotContain(City.ResidentialAreas, r => parks.Any(p => p.Intersects(r.Common.Geometry)));
    }

    [Fact]
    public void Generate_Bridges_IncludeLuoyangBridgeAndHaveBciInTheirGradeBand()
    {
        var luoyang = Assert.Single(City.Bridges, b => b.Common.Name == "洛阳桥");
        Assert.Equal("stone_beam", luoyang.StructureType);
        Assert.All(City.Bridges, b =>
        {
            var (min, max) = b.ConditionGrade switch { "A" => (90.0, 100.0), "B" => (80.0, 90.0), "C" => (66.0, 80.0), "D" => (50.0, 66.0), _ => (0.0, 50.0) };
            Assert.InRange(b.Bci, min, max);
            Assert.InRange(b.Common.Geometry.NumPoints, 2, 5);
        });
    }

    [Fact]
    public void Geodesy_LengthOfAHundredthDegreeOfLatitudeAtQuanzhou_MatchesPostGis()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var line = factory.CreateLineString([new Coordinate(118.6, 24.9), new Coordinate(118.6, 24.91)]);

        // PostGIS: ST_Length('SRID=4326;LINESTRING(118.6 24.9,118.6 24.91)'::geography) = 1107.7147 m.
        Assert.InRange(Geodesy.LengthMetres(line), 1107.70, 1107.73);
    }
}
