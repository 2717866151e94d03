using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>The small reads behind the map: who am I, district boundaries, and the search box.</summary>
public sealed class MapDataTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Theory]
    [InlineData("engineer", true)]
    [InlineData("admin", true)]
    [InlineData("crew", false)]
    [InlineData("viewer", false)]
    public async Task Me_SaysWhoAndWhetherTheyMayEdit(string role, bool canEdit)
    {
        var me = JsonNode.Parse(await Fixture.Client(role).GetStringAsync("/api/me"))!;
        Assert.Equal("t_" + role, me["userName"]!.GetValue<string>());
        Assert.Equal([role], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        Assert.Equal(canEdit, me["canEdit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Districts_AreElevenWithNamesAndWithoutKinmen()
    {
        var response = await Fixture.Client("viewer").GetAsync("/api/districts");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var features = (await response.JsonAsync())["features"]!.AsArray();
        Assert.Equal(11, features.Count);
        Assert.Contains(features, f => f!["properties"]!["name"]!.GetValue<string>() == "鲤城区");
        Assert.DoesNotContain(features, f => f!["properties"]!["adcode"]!.GetValue<string>() == "350527");
        Assert.All(features, f => Assert.Equal("MultiPolygon", f!["geometry"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Lookup_ByCodePrefixOrName_FindsAcrossKindsWithExtent()
    {
        var c = Fixture.Client();
        var tree = await c.CreateAsync("ancient_trees", Feature(Point(Licheng.Lon, Licheng.Lat), new() { ["species"] = "榕树", ["name"] = "开元寺古榕" }));
        var bridge = await c.CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.002, Fengze.Lat)),
            new() { ["structure_type"] = "beam", ["name"] = "丰泽测试桥", ["code"] = "BR-TEST-42" }));

        var byName = JsonNode.Parse(await c.GetStringAsync("/api/assets/lookup?q=" + Uri.EscapeDataString("古榕")))!["matches"]!.AsArray();
        Assert.Equal(tree.Id, Assert.Single(byName)!["id"]!.GetValue<long>());

        var byCode = JsonNode.Parse(await c.GetStringAsync("/api/assets/lookup?q=br-test"))!["matches"]!.AsArray();
        var match = Assert.Single(byCode)!;
        Assert.Equal("bridges", match["collection"]!.GetValue<string>());
        Assert.Equal(bridge.Id, match["id"]!.GetValue<long>());
        var bbox = match["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(Fengze.Lon, bbox[0], 6);
        Assert.Equal(Fengze.Lon + 0.002, bbox[2], 6);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("'; drop table manholes; --")]
    public async Task Lookup_WildcardsAndSql_AreMatchedLiterally(string q)
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["name"] = "普通井" }));
        var matches = JsonNode.Parse(await c.GetStringAsync("/api/assets/lookup?q=" + Uri.EscapeDataString(q)))!["matches"]!.AsArray();
        Assert.Empty(matches);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task Lookup_LimitOutOfRange_Returns400()
    {
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/assets/lookup?q=MH&limit=1000"), HttpStatusCode.BadRequest, "limit");
    }
}
