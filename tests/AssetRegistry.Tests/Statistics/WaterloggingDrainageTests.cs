using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Statistics;

/// <summary>
/// From a waterlogging point to the network that drains to it, on a hand-built fixture: inlets A (≈ 50 m east)
/// and B (≈ 81 m west) within 200 m; rain manhole C ≈ 444 m north (outside); sewage manhole E ≈ 111 m south (inside
/// the radius, not an inlet); upstream U2 → U1 → A and U3 → B; downstream A → D, which is not upstream of anything.
/// </summary>
public sealed class WaterloggingDrainageTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private sealed record Network(long Point, long A, long B, long C, long D, long E, long U1, long U2, long U3, long SU1A, long SU2U1, long SU3B, long SAD);

    private static (double, double) At(double east, double north) => (Features.Fengze.Lon + east, Features.Fengze.Lat + north);

    private async Task<long> ManholeAsync(HttpClient c, (double Lon, double Lat) p, string network = "rain") =>
        (await c.CreateAsync("manholes", Feature(Point(p.Lon, p.Lat), new() { ["network"] = network }))).Id;

    private async Task<long> SegmentAsync(HttpClient c, (long Id, (double, double) At) up, (long Id, (double, double) At) down) =>
        (await c.CreateAsync("sewer_segments", Feature(Line(up.At, down.At), new()
        {
            ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "rain", ["diameter_mm"] = 600,
            ["upstream_invert_m"] = 5, ["downstream_invert_m"] = 4,
        }))).Id;

    private async Task<Network> NetworkAsync()
    {
        var c = Fixture.Client();
        var point = (await c.CreateAsync("waterlogging_points", Feature(Point(Features.Fengze.Lon, Features.Fengze.Lat),
            new() { ["risk_level"] = "high", ["remediation_status"] = "open", ["name"] = "测试积水点" }))).Id;
        var (pa, pb, pc, pd, pe) = (At(0.0005, 0), At(-0.0008, 0), At(0, 0.0040), At(0.0005, -0.0030), At(0, -0.0010));
        var (pu1, pu2, pu3) = (At(0.0030, 0.0002), At(0.0060, 0.0004), At(-0.0030, 0.0002));
        var a = await ManholeAsync(c, pa);
        var b = await ManholeAsync(c, pb, "combined");
        var cc = await ManholeAsync(c, pc);
        var d = await ManholeAsync(c, pd);
        var e = await ManholeAsync(c, pe, "sewage");
        var u1 = await ManholeAsync(c, pu1);
        var u2 = await ManholeAsync(c, pu2);
        var u3 = await ManholeAsync(c, pu3);
        return new Network(point, a, b, cc, d, e, u1, u2, u3,
            await SegmentAsync(c, (u1, pu1), (a, pa)), await SegmentAsync(c, (u2, pu2), (u1, pu1)),
            await SegmentAsync(c, (u3, pu3), (b, pb)), await SegmentAsync(c, (a, pa), (d, pd)));
    }

    private static long[] Ids(JsonNode node, string name) => node[name]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Drainage_FindsTheInletsWithinTheRadiusAndTheirUpstreamNetwork()
    {
        var n = await NetworkAsync();

        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/waterlogging/{n.Point}/drainage?radius=200"))!;

        Assert.Equal([n.A, n.B], r["inlets"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToArray());
        Assert.InRange(r["inlets"]![0]!["distanceM"]!.GetValue<double>(), 45, 55);
        Assert.Equal(new[] { n.SU1A, n.SU2U1, n.SU3B }.Order(), Ids(r, "segmentIds"));
        Assert.Equal(new[] { n.A, n.B, n.U1, n.U2, n.U3 }.Order(), Ids(r, "manholeIds"));
        var expected = await Fixture.ScalarAsync<double>("select sum(length_m) from sewer_segments where id = any($1)", new[] { n.SU1A, n.SU2U1, n.SU3B });
        Assert.InRange(Math.Abs(expected - r["totalLengthM"]!.GetValue<double>()), 0, 0.01);
        Assert.Null(r["geoJson"]);
    }

    [Fact]
    public async Task Drainage_LargerRadius_TakesInTheFartherInlet()
    {
        var n = await NetworkAsync();

        var r = JsonNode.Parse(await Fixture.Client("engineer").GetStringAsync($"/api/analysis/waterlogging/{n.Point}/drainage?radius=500&geojson=true"))!;

        // Within 500 m: every rain or combined manhole but U2 (≈ 607 m); the sewage manhole E never.
        Assert.Equal(new[] { n.A, n.B, n.C, n.D, n.U1, n.U3 }.Order(), r["inlets"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Order());
        Assert.Equal([n.A, n.B], r["inlets"]!.AsArray().Take(2).Select(i => i!["id"]!.GetValue<long>()));
        var features = r["geoJson"]!["features"]!.AsArray();
        Assert.Equal("point", features[0]!["properties"]!["role"]!.GetValue<string>());
        Assert.Equal(6, features.Count(f => f!["properties"]!["role"]!.GetValue<string>() == "inlet"));
        Assert.Equal(n.U2, features.Single(f => f!["properties"]!["role"]!.GetValue<string>() == "manhole")!["id"]!.GetValue<long>());
        Assert.Equal(4, features.Count(f => f!["properties"]!["role"]!.GetValue<string>() == "segment"));
    }

    [Fact]
    public async Task Campaign_CoversExactlyThePointTheInletsAndTheUpstreamNetwork()
    {
        var n = await NetworkAsync();

        var response = await Fixture.Client("engineer").PostAsync($"/api/analysis/waterlogging/{n.Point}/drainage/campaign?radius=200",
            Body(new JsonObject { ["reason"] = "rainstorm", ["note"] = "暴雨后" }, "application/json"));
        var created = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var campaign = created["id"]!.GetValue<long>();
        Assert.Equal($"/api/campaigns/{campaign}", response.Headers.Location!.ToString());
        var tasks = new List<long>();
        await using (var cmd = Fixture.Db.CreateCommand("select asset_id from inspection_tasks where campaign_id = $1 order by asset_id"))
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = campaign });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tasks.Add(reader.GetInt64(0));
        }
        Assert.Equal(new[] { n.Point, n.A, n.B, n.U1, n.U2, n.U3, n.SU1A, n.SU2U1, n.SU3B }.Order(), tasks);
        Assert.Equal(9L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where campaign_id = $1 and inspection_type = 'emergency_check' and status = 'open' and due_date is not null", campaign));
        Assert.True(await Fixture.ScalarAsync<bool>("select ST_GeometryType(area) = 'ST_Polygon' and reason = 'rainstorm' from campaigns where id = $1", campaign));
        // The stored area is the traced assets' buffered hull: it holds the point and every traced manhole.
        Assert.True(await Fixture.ScalarAsync<bool>("""
            select bool_and(ST_Covers(c.area, m.geometry)) from campaigns c, manholes m where c.id = $1 and m.id = any($2)
            """, campaign, new[] { n.A, n.B, n.U1, n.U2, n.U3 }));
        var view = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/campaigns/{campaign}"))!;
        Assert.Equal(5, view["progress"]!.AsArray().Single(p => p!["collection"]!.GetValue<string>() == "manholes")!["tasks"]!.GetValue<long>());
    }

    [Fact]
    public async Task Campaign_IsForEngineersAndAdmins()
    {
        var n = await NetworkAsync();
        await AssertProblemAsync(await Fixture.Client("planner").PostAsync($"/api/analysis/waterlogging/{n.Point}/drainage/campaign", null), HttpStatusCode.Forbidden);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from campaigns"));
        var response = await Fixture.Client("admin").PostAsync($"/api/analysis/waterlogging/{n.Point}/drainage/campaign", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rainstorm", await Fixture.ScalarAsync<string>("select reason from campaigns"));
    }

    [Theory]
    [InlineData("crew", HttpStatusCode.Forbidden)]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Drainage_IsForTheAnalysisRoles(string? role, HttpStatusCode expected)
    {
        var n = await NetworkAsync();
        Assert.Equal(expected, (await Fixture.Client(role).GetAsync($"/api/analysis/waterlogging/{n.Point}/drainage")).StatusCode);
    }

    [Theory]
    [InlineData("radius=0")]
    [InlineData("radius=2001")]
    [InlineData("radius=abc")]
    [InlineData("radius=NaN")]
    public async Task Drainage_BadRadius_Returns400(string query)
    {
        var n = await NetworkAsync();
        await AssertProblemAsync(await Fixture.Client("planner").GetAsync($"/api/analysis/waterlogging/{n.Point}/drainage?{query}"), HttpStatusCode.BadRequest, "radius");
    }

    [Fact]
    public async Task Drainage_UnknownPoint_Returns404() =>
        await AssertProblemAsync(await Fixture.Client("planner").GetAsync("/api/analysis/waterlogging/987654321/drainage"), HttpStatusCode.NotFound);

    [Fact]
    public async Task SewerTraceGeoJson_DrawsTheTraceWithItsStart()
    {
        var n = await NetworkAsync();

        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/sewer/trace/geojson?from=manhole:{n.A}&direction=upstream"))!;

        Assert.Equal(new[] { n.SU1A, n.SU2U1 }.Order(), Ids(r["trace"]!, "segmentIds"));
        var features = r["geoJson"]!["features"]!.AsArray();
        Assert.Equal(n.A, features.Single(f => f!["properties"]!["role"]!.GetValue<string>() == "start")!["id"]!.GetValue<long>());
        Assert.Equal(2, features.Count(f => f!["properties"]!["role"]!.GetValue<string>() == "segment"));
    }
}
