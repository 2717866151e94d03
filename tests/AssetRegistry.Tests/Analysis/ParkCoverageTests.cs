using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Analysis;

/// <summary>
/// Park service-radius coverage on a fixture worked by hand, in CGCS2000 / GK CM 120°E metres: a 1000 m × 10 m park
/// (10,000 m² → 500 m radius) and, 300 m north of it, a 400 m × 400 m residential square. The buffer's flat north
/// edge lies 500 m from the park, so it covers the square's southern 200 m: exactly 50 %.
/// </summary>
public sealed class ParkCoverageTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const double X = 0, Y = 0; // offsets from the fixture origin, metres

    private Task<JsonObject> RectangleAsync(double x1, double y1, double x2, double y2) =>
        MetricFixture.RectangleAsync(Fixture.ConnectionString, x1, y1, x2, y2);

    private async Task<HttpClient> FixtureAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("parks", Feature(await RectangleAsync(X, Y, X + 1000, Y + 10), new() { ["park_class"] = "linear", ["name"] = "滨河带状公园" }));
        await c.CreateAsync("residential_areas", Feature(await RectangleAsync(X + 300, Y + 310, X + 700, Y + 710), new() { ["name"] = "样例小区" }));
        return c;
    }

    [Fact]
    public async Task Coverage_HalfTheSquare_IsFiftyPercent()
    {
        var c = await FixtureAsync();
        var planner = Fixture.Client("planner");
        var report = JsonNode.Parse(await planner.GetStringAsync("/api/analysis/park-coverage"))!;
        var city = report["city"]!;
        Assert.Equal(160_000, city["residentialM2"]!.GetValue<double>(), 0);
        Assert.Equal(80_000, city["coveredM2"]!.GetValue<double>(), 0);
        Assert.Equal(50.0, city["coveragePercent"]!.GetValue<double>(), 1);
        var district = Assert.Single(report["districts"]!.AsArray())!;
        Assert.Equal("350503", district["district"]!.GetValue<string>());
        Assert.Equal(1, report["parksCounted"]!.GetValue<int>());
        Assert.Contains(report["targets"]!.AsArray(), t => t!["percent"]!.GetValue<double>() == 90);
        // Shown beside the target on the analysis page: the standard by its title, not the product's notes.
        Assert.Equal(["《国家生态园林城市标准》（转引自 azoutdoor.com） verified", "《国家园林城市标准》 unverified"], report["targets"]!.AsArray()
            .Select(t => $"{t!["source"]} {t["verification"]}").ToArray());
        Assert.All(report["rules"]!.AsArray(), r => Assert.False(string.IsNullOrEmpty(r!["source"]!.GetValue<string>())));
    }

    [Fact]
    public async Task SmallPark_UnderTwoThousandSquareMetres_DoesNotCount()
    {
        var c = Fixture.Client();
        await c.CreateAsync("parks", Feature(await RectangleAsync(X, Y, X + 30, Y + 30), new() { ["park_class"] = "pocket" })); // 900 m²
        await c.CreateAsync("residential_areas", Feature(await RectangleAsync(X + 40, Y, X + 140, Y + 100), new()));
        var report = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync("/api/analysis/park-coverage"))!;
        Assert.Equal(0, report["parksCounted"]!.GetValue<int>());
        Assert.Equal(0.0, report["city"]!["coveragePercent"]!.GetValue<double>());
    }

    [Fact]
    public async Task Uncovered_IsTheNorthernHalfAsGeoJson()
    {
        await FixtureAsync();
        var response = await Fixture.Client("planner").GetAsync("/api/analysis/park-coverage/uncovered");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var feature = Assert.Single((await response.JsonAsync())["features"]!.AsArray())!;
        Assert.Equal(80_000, feature["properties"]!["uncovered_m2"]!.GetValue<double>(), 0);
    }

    [Fact]
    public async Task WhatIf_ProposedParkNorth_CoversTheRestWithoutSavingIt()
    {
        await FixtureAsync();
        // 1000 m × 6 m = 6,000 m² → 500 m; its south edge at y = 1010 covers the square from y = 510.
        var proposal = await RectangleAsync(X, Y + 1010, X + 1000, Y + 1016);
        var response = await Fixture.Client("planner").PostAsync("/api/analysis/park-coverage/what-if",
            Body(new JsonObject { ["parks"] = new JsonArray(proposal) }, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        var city = json["report"]!["city"]!;
        Assert.Equal(50.0, city["coveragePercentBefore"]!.GetValue<double>(), 1);
        Assert.Equal(100.0, city["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Equal(80_000, city["newlyCoveredM2"]!.GetValue<double>(), 0);
        var newly = Assert.Single(json["newlyCovered"]!["features"]!.AsArray())!;
        Assert.Equal(80_000, newly["properties"]!["newly_covered_m2"]!.GetValue<double>(), 0);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from parks"));
    }

    [Fact]
    public async Task WhatIf_BadPolygon_Returns400NamingIt()
    {
        var bowtie = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[118.6,24.9],[118.61,24.91],[118.61,24.9],[118.6,24.91],[118.6,24.9]]]}""")!;
        var response = await Fixture.Client("planner").PostAsync("/api/analysis/park-coverage/what-if",
            Body(new JsonObject { ["parks"] = new JsonArray(bowtie) }, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "parks[0]");
    }

    [Theory]
    [InlineData("crew", HttpStatusCode.Forbidden)]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData("planner", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Analysis_IsForPlannersNotCrews(string role, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Fixture.Client(role).GetAsync("/api/analysis/park-coverage")).StatusCode);
}
