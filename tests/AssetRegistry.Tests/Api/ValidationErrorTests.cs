using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Every refused request gets a ProblemDetails naming the field and the reason, and writes nothing.</summary>
public sealed class ValidationErrorTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task AssertNothingWrittenAsync()
    {
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select (select count(*) from manholes) + (select count(*) from streetlights) + (select count(*) from parks) + (select count(*) from bridges)"));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes"));
    }

    [Fact]
    public async Task CreateManhole_MalformedJson_Returns400ProblemOnBody()
    {
        var response = await Fixture.Client().PostAsync("/ogc/collections/manholes/items",
            new StringContent("{\"type\":\"Feature\",", Encoding.UTF8, "application/geo+json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateManhole_UnknownProperty_Returns400NamingIt()
    {
        var response = await Fixture.Client().PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["colour"] = "red" }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "colour");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateManhole_DepthOf80Metres_Returns400WithRange()
    {
        var response = await Fixture.Client().PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["depth_m"] = 80 }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "depth_m");
        Assert.Contains("between 0.2 and 30 m", (await response.JsonAsync())["errors"]!["depth_m"]![0]!.GetValue<string>());
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateStreetlight_NegativeWattage_Returns400()
    {
        var response = await Fixture.Client().PostAsync("streetlights", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["lamp_type"] = "led", ["wattage_w"] = -5 }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "wattage_w");
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("network", "\"lava\"")]
    [InlineData("depth_m", "\"deep\"")]
    [InlineData("cover_diameter_mm", "700.5")]
    [InlineData("has_anti_fall_net", "\"yes\"")]
    [InlineData("install_date", "\"2024-13-40\"")]
    [InlineData("name", "42")]
    public async Task CreateManhole_WrongTypeOrValue_Returns400NamingTheField(string field, string json)
    {
        var props = new JsonObject { ["network"] = "rain" };
        props[field] = JsonNode.Parse(json);
        var response = await Fixture.Client().PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), props));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateManhole_MissingRequiredNetwork_Returns400()
    {
        var response = await Fixture.Client().PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new()));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "network");
    }

    [Fact]
    public async Task CreatePark_SelfIntersectingPolygon_Returns400WithWhereItCrosses()
    {
        var (x, y) = Fengze;
        var bowtie = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.002, y + 0.002),
                new JsonArray(x + 0.002, y), new JsonArray(x, y + 0.002), new JsonArray(x, y))),
        };
        var response = await Fixture.Client().PostAsync("parks", Feature(bowtie, new() { ["park_class"] = "pocket" }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry");
        var message = (await response.JsonAsync())["errors"]!["geometry"]![0]!.GetValue<string>();
        Assert.Equal("Self-intersection at 118.6767 24.8754.", message);
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[]}", "empty")]
    [InlineData("{\"type\":\"LineString\",\"coordinates\":[[118.6757,24.8744],[118.676,24.8744]]}", "LineString is not accepted")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[118.38,24.45]}", "service area")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[118.09,24.48]}", "service area")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1186757,248744]}", "WGS 84")]
    [InlineData("{\"type\":\"Blob\",\"coordinates\":[1,2]}", "Not a valid GeoJSON geometry")]
    public async Task CreateManhole_BadGeometry_Returns400SayingWhy(string geometry, string reason)
    {
        var feature = Feature(JsonNode.Parse(geometry)!.AsObject(), new() { ["network"] = "rain" });
        var response = await Fixture.Client().PostAsync("manholes", feature);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry");
        Assert.Contains(reason, (await response.JsonAsync())["errors"]!["geometry"]![0]!.GetValue<string>());
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task UnknownCollection_Returns404Problem()
    {
        await AssertProblemAsync(await Fixture.Client().GetAsync("/ogc/collections/hydrants/items"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Fixture.Client().PostAsync("hydrants", Feature(Point(Fengze.Lon, Fengze.Lat), new())), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownFeature_Returns404Problem()
    {
        await AssertProblemAsync(await Fixture.Client().GetAsync("/ogc/collections/manholes/items/987654321"), HttpStatusCode.NotFound);
        var patch = await Fixture.Client().SendWithIfMatchAsync(HttpMethod.Patch, "/ogc/collections/manholes/items/987654321",
            new JsonObject { ["properties"] = new JsonObject { ["name"] = "x" } }, "\"1\"");
        await AssertProblemAsync(patch, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateManhole_BodyOver10MB_Returns413AndWritesNothing()
    {
        var padding = new string('x', 10 * 1024 * 1024);
        var body = $"{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[118.6757,24.8744]}},\"properties\":{{\"network\":\"rain\",\"name\":\"{padding}\"}}}}";
        var response = await Fixture.Client().PostAsync("/ogc/collections/manholes/items", new StringContent(body, Encoding.UTF8, "application/geo+json"));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateManhole_DuplicateCode_Returns409AndKeepsTheFirst()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["code"] = "MH-TEST-1" }));
        var second = await c.PostAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new() { ["network"] = "rain", ["code"] = "MH-TEST-1" }));
        await AssertProblemAsync(second, HttpStatusCode.Conflict, "code");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task CreateManhole_NotJsonContentType_Returns415()
    {
        var response = await Fixture.Client().PostAsync("/ogc/collections/manholes/items", new StringContent("network=rain", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingWrittenAsync();
    }
}

/// <summary>Errors come in the client's language: Chinese when it asks for zh (as the map page does).</summary>
public sealed class LocalizedErrorTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task CreateManhole_AcceptLanguageZh_GetsChineseTitleAndFieldMessage()
    {
        var c = Fixture.Client();
        c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await c.PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["depth_m"] = 80 }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "depth_m");
        var json = await response.JsonAsync();
        Assert.Equal("请求无效。", json["title"]!.GetValue<string>());
        Assert.Equal("须在 0.2 至 30 m 之间（当前 80）", json["errors"]!["depth_m"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatePark_SelfIntersection_InChinese()
    {
        var c = Fixture.Client();
        c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.8");
        var (x, y) = Fengze;
        var bowtie = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.002, y + 0.002),
                new JsonArray(x + 0.002, y), new JsonArray(x, y + 0.002), new JsonArray(x, y))),
        };
        var response = await c.PostAsync("parks", Feature(bowtie, new() { ["park_class"] = "pocket" }));
        Assert.Equal("自相交，位置 118.6767 24.8754。", (await response.JsonAsync())["errors"]!["geometry"]![0]!.GetValue<string>());
    }
}
