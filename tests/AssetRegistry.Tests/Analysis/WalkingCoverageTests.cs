using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Streets;
using AssetRegistry.GisSeed;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Analysis;

/// <summary>
/// Walking-distance park coverage on fixtures worked by hand, in CGCS2000 / GK CM 120°E metres (x east, y north from
/// the fixture origin). The park is the 100 m × 100 m square [0,100]² (10,000 m² → 500 m), the residential parcel the
/// square [0,100] × [400,500] (10,000 m²), 300 m north: every point of it lies within 400 m of the park, so the
/// straight-line coverage is 100 %. The defaults are a 100 m entrance snap and a 50 m corridor half-width.
/// Each test lays its own streets (the fixture resets assets, not streets).
/// </summary>
public sealed class WalkingCoverageTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Origin = MetricFixture.Origin;

    private Task<JsonObject> RectangleAsync(double x1, double y1, double x2, double y2) =>
        MetricFixture.RectangleAsync(Fixture.ConnectionString, x1, y1, x2, y2);

    /// <summary>Replaces the street network with straight pieces through the given points (metres from the origin)
    /// and builds the routing topology, as the seed does.</summary>
    private async Task StreetsAsync(params (double X, double Y)[][] polylines)
    {
        await Fixture.ExecuteAsync("truncate streets, street_vertices restart identity");
        foreach (var line in polylines)
            for (var i = 0; i + 1 < line.Length; i++)
                await Fixture.ScalarAsync<long>($"""
                    with o as ({Origin}),
                         g as (select ST_Transform(ST_SetSRID(ST_MakeLine(ST_Point(ST_X(p) + $1, ST_Y(p) + $2), ST_Point(ST_X(p) + $3, ST_Y(p) + $4)), 4549), 4326) as g from o),
                         i as (insert into streets (name, road_class, geometry, length_m) select '测试路', 'branch', g, ST_Length(g::geography) from g returning 1)
                    select count(*) from i
                    """, line[i].X, line[i].Y, line[i + 1].X, line[i + 1].Y);
        await StreetNetwork.BuildTopologyAsync(Fixture.Db);
    }

    private async Task ParkAndParcelAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("parks", Feature(await RectangleAsync(0, 0, 100, 100), new() { ["park_class"] = "community", ["name"] = "江南公园" }));
        await c.CreateAsync("residential_areas", Feature(await RectangleAsync(0, 400, 100, 500), new() { ["name"] = "对岸小区" }));
    }

    /// <summary>The river case: the only street leaves the park's east side at A (150, 50), 50 m from it, and goes
    /// round by B (600, 50) and C (600, 450) to D (160, 450). B is 50 + 450 = 500 m away, so the walk ends there and
    /// its 50 m corridor stays south of y = 100: nothing of the parcel is reached (the path to it is 1,330 m).</summary>
    private Task RiverStreetsAsync() => StreetsAsync([(150, 50), (600, 50), (600, 450), (160, 450)]);

    private async Task<JsonNode> CoverageAsync(string mode = "both") =>
        JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/park-coverage?mode={mode}"))!;

    [Fact]
    public async Task Walking_NoStreetAcrossTheRiver_IsZeroWhileStraightLineIsFull()
    {
        await ParkAndParcelAsync();
        await RiverStreetsAsync();
        var report = await CoverageAsync();
        Assert.Equal("both", report["mode"]!.GetValue<string>());
        Assert.Equal(100.0, report["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Equal(100.0, report["straightLine"]!["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        var walking = report["walking"]!;
        Assert.Equal("walking", walking["mode"]!.GetValue<string>());
        Assert.Equal(10_000, walking["city"]!["residentialM2"]!.GetValue<double>(), 0);
        Assert.Equal(0.0, walking["city"]!["coveredM2"]!.GetValue<double>());
        Assert.Equal(3, walking["network"]!["streetEdges"]!.GetValue<long>());
        Assert.Equal(4, walking["network"]!["streetVertices"]!.GetValue<long>());
        var city = report["sideBySide"]!.AsArray()[^1]!;
        Assert.Equal(100.0, city["straightLinePercent"]!.GetValue<double>(), 1);
        Assert.Equal(0.0, city["walkingPercent"]!.GetValue<double>());
        // The pieces chain A-B-C-D: three edges over four vertices, each end shared with the next piece.
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from streets where source is null or target is null"));
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from streets a join streets b on a.target = b.source"));
    }

    [Fact]
    public async Task Walking_StreetAlongTheParcel_CoversTheCorridorStrip()
    {
        await ParkAndParcelAsync();
        // A (120, 50), 20 m east of the park, north to E (120, 600): the walk reaches y = 50 + 480 = 530, and the
        // corridor x ∈ [70, 170] covers the parcel's strip x ∈ [70, 100], y ∈ [400, 500]: 3,000 m² of 10,000, 30 %.
        await StreetsAsync([(120, 50), (120, 600)]);
        var walking = await CoverageAsync("walking");
        Assert.Equal("walking", walking["mode"]!.GetValue<string>());
        Assert.Equal(3_000, walking["city"]!["coveredM2"]!.GetValue<double>(), 0);
        Assert.Equal(30.0, walking["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Equal(1, walking["parksCounted"]!.GetValue<int>());
        Assert.Equal(50.0, walking["network"]!["corridorHalfWidthM"]!.GetValue<double>());
        Assert.Contains(walking["network"]!["parameters"]!.AsArray(), p => p!["source"]!.GetValue<string>().Length > 20);

        var uncovered = await (await Fixture.Client("planner").GetAsync("/api/analysis/park-coverage/uncovered?mode=walking")).JsonAsync();
        var feature = Assert.Single(uncovered["features"]!.AsArray())!;
        Assert.Equal(7_000, feature["properties"]!["uncovered_m2"]!.GetValue<double>(), 0);
    }

    [Fact]
    public async Task Walking_StraightOnly_ReturnsTheStraightLineReportAlone()
    {
        await ParkAndParcelAsync();
        await RiverStreetsAsync();
        var report = await CoverageAsync("straight");
        Assert.Equal("straight_line", report["mode"]!.GetValue<string>());
        Assert.Equal(100.0, report["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Null(report["walking"]);
    }

    [Fact]
    public async Task WalkingWhatIf_ProposedParkOnTheFarBank_ReachesTheStrip()
    {
        await ParkAndParcelAsync();
        // The river network, and on the far bank a street F (120, 700) – G (120, 300) that no existing park reaches.
        // The proposed park [0,100] × [600,700] has F 20 m from its corner; F–G (400 m) is walked whole, so the
        // corridor covers the parcel's strip x ∈ [70, 100]: 3,000 m² newly covered, walking 0 % → 30 %.
        await StreetsAsync([(150, 50), (600, 50), (600, 450), (160, 450)], [(120, 700), (120, 300)]);
        var proposal = await RectangleAsync(0, 600, 100, 700);
        var response = await Fixture.Client("planner").PostAsync("/api/analysis/park-coverage/what-if",
            Body(new JsonObject { ["parks"] = new JsonArray(proposal) }, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(0.0, json["report"]!["city"]!["newlyCoveredM2"]!.GetValue<double>(), 0); // straight-line: already covered
        var walking = json["walking"]!;
        var city = walking["report"]!["city"]!;
        Assert.Equal(0.0, city["coveragePercentBefore"]!.GetValue<double>(), 1);
        Assert.Equal(30.0, city["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Equal(3_000, city["newlyCoveredM2"]!.GetValue<double>(), 0);
        var newly = Assert.Single(walking["newlyCovered"]!["features"]!.AsArray())!;
        Assert.Equal(3_000, newly["properties"]!["newly_covered_m2"]!.GetValue<double>(), 0);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from parks"));
    }

    [Fact]
    public async Task Coverage_UnknownMode_Returns400NamingIt()
    {
        var planner = Fixture.Client("planner");
        await AssertProblemAsync(await planner.GetAsync("/api/analysis/park-coverage?mode=flying"), HttpStatusCode.BadRequest, "mode");
        await AssertProblemAsync(await planner.GetAsync("/api/analysis/park-coverage/uncovered?mode=both"), HttpStatusCode.BadRequest, "mode");
    }

    [Fact]
    public async Task SeedCity_LoadsStreetsThatRoute()
    {
        await CitySeeder.SeedAsync(Fixture.Db, 0.05, reset: true);
        var streets = await Fixture.ScalarAsync<long>("select count(*) from streets");
        Assert.True(streets > 100, $"{streets} streets");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from streets where source is null or target is null or source = target"));
        // Every vertex is an end of some street, at exactly that end point.
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("""
            select count(*) from street_vertices v
            where not exists (select 1 from streets s where (s.source = v.id and ST_Equals(ST_StartPoint(s.geometry), v.geometry))
                                                         or (s.target = v.id and ST_Equals(ST_EndPoint(s.geometry), v.geometry)))
            """));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from streets where abs(length_m - ST_Length(geometry::geography)) > 0.01"));

        var report = await CoverageAsync();
        var walking = report["walking"]!;
        Assert.Equal(streets, walking["network"]!["streetEdges"]!.GetValue<long>());
        Assert.InRange(walking["city"]!["coveragePercent"]!.GetValue<double>(), 0.1, 100);
        Assert.InRange(report["city"]!["coveragePercent"]!.GetValue<double>(), 0.1, 100);
    }
}
