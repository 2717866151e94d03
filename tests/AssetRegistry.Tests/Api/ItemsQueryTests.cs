using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Items pages: bbox, limit and offset with next/prev links, and attribute equality filters.</summary>
public sealed class ItemsQueryTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Five manholes in 丰泽区 in a row 0.001° apart (two planned), and two in 鲤城区.</summary>
    private async Task<HttpClient> SeedAsync()
    {
        var c = Fixture.Client();
        for (var i = 0; i < 5; i++)
            await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.001, Fengze.Lat),
                new() { ["network"] = "rain", ["status"] = i < 2 ? "planned" : "in_service" }));
        for (var i = 0; i < 2; i++)
            await c.CreateAsync("manholes", Feature(Point(Licheng.Lon + i * 0.001, Licheng.Lat), new() { ["network"] = "sewage" }));
        return c;
    }

    private static long[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task GetItems_LimitAndOffset_PagesWithCountsAndLinks()
    {
        var c = await SeedAsync();
        var first = await (await c.GetAsync("/ogc/collections/manholes/items?limit=3")).JsonAsync();
        Assert.Equal(7, first["numberMatched"]!.GetValue<long>());
        Assert.Equal(3, first["numberReturned"]!.GetValue<int>());
        var links = first["links"]!.AsArray().ToDictionary(l => l!["rel"]!.GetValue<string>(), l => l!["href"]!.GetValue<string>());
        Assert.Contains("offset=3", links["next"]);
        Assert.False(links.ContainsKey("prev"));

        var second = await (await c.GetAsync(new Uri(links["next"]).PathAndQuery)).JsonAsync();
        var last = await (await c.GetAsync("/ogc/collections/manholes/items?limit=3&offset=6")).JsonAsync();
        Assert.Equal(3, Ids(second).Length);
        Assert.Single(Ids(last));
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        var lastLinks = last["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("next", lastLinks);
        Assert.Contains("prev", lastLinks);
        Assert.Equal(7, Ids(first).Concat(Ids(second)).Concat(Ids(last)).Distinct().Count());
    }

    [Fact]
    public async Task GetItems_Bbox_ReturnsOnlyFeaturesInside()
    {
        var c = await SeedAsync();
        var page = await (await c.GetAsync(FormattableString.Invariant(
            $"/ogc/collections/manholes/items?bbox={Fengze.Lon - 0.0005},{Fengze.Lat - 0.0005},{Fengze.Lon + 0.0015},{Fengze.Lat + 0.0005}"))).JsonAsync();
        Assert.Equal(2, page["numberMatched"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetItems_EqualityFilters_CombineWithAnd()
    {
        var c = await SeedAsync();
        Assert.Equal(5, (await (await c.GetAsync("/ogc/collections/manholes/items?district=350503")).JsonAsync())["numberMatched"]!.GetValue<long>());
        Assert.Equal(2, (await (await c.GetAsync("/ogc/collections/manholes/items?district=350503&status=planned")).JsonAsync())["numberMatched"]!.GetValue<long>());
        Assert.Equal(2, (await (await c.GetAsync("/ogc/collections/manholes/items?network=sewage")).JsonAsync())["numberMatched"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("colour=red", "colour")]
    [InlineData("status=broken", "status")]
    [InlineData("depth_m=deep", "depth_m")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task GetItems_BadParameter_Returns400NamingIt(string query, string field)
    {
        var response = await Fixture.Client().GetAsync("/ogc/collections/manholes/items?" + query);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetItems_LimitAboveMaximum_IsClampedTo10000()
    {
        var c = await SeedAsync();
        var page = await (await c.GetAsync("/ogc/collections/manholes/items?limit=50000")).JsonAsync();
        Assert.Contains("limit=10000", page["links"]!.AsArray().First(l => l!["rel"]!.GetValue<string>() == "self")!["href"]!.GetValue<string>());
        Assert.Equal(7, page["numberReturned"]!.GetValue<int>());
    }

    [Fact]
    public async Task OgcDocuments_ListEveryCollectionAndConformance()
    {
        var c = Fixture.Client();
        var landing = await (await c.GetAsync("/ogc")).JsonAsync();
        Assert.Contains(landing["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "data");
        var conformance = await (await c.GetAsync("/ogc/conformance")).JsonAsync();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", conformance["conformsTo"]!.AsArray().Select(x => x!.GetValue<string>()));
        var collections = await (await c.GetAsync("/ogc/collections")).JsonAsync();
        Assert.Equal(
            ["ancient_trees", "bridges", "manholes", "parks", "residential_areas", "sewer_segments", "streetlights", "waterlogging_points"],
            collections["collections"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToArray());
        var queryables = await (await c.GetAsync("/ogc/collections/manholes/queryables")).JsonAsync();
        Assert.Equal(30.0, queryables["properties"]!["depth_m"]!["maximum"]!.GetValue<double>());
        Assert.Contains("rain", queryables["properties"]!["network"]!["enum"]!.AsArray().Select(x => x!.GetValue<string>()));
    }
}
