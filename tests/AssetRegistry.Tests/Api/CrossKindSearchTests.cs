using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Everything inside a polygon, across kinds, in one indexed query.</summary>
public sealed class CrossKindSearchTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Search_Polygon_FindsAssetsOfEveryKindInsideOnly()
    {
        var c = Fixture.Client();
        var (x, y) = Fengze;
        var manhole = await c.CreateAsync("manholes", Feature(Point(x + 0.0002, y + 0.0002), new() { ["network"] = "rain" }));
        var light = await c.CreateAsync("streetlights", Feature(Point(x + 0.0004, y + 0.0004), new() { ["lamp_type"] = "led" }));
        var park = await c.CreateAsync("parks", Feature(Square(x + 0.0005, y + 0.0005, 0.001), new() { ["park_class"] = "pocket" }));
        await c.CreateAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new() { ["network"] = "rain" }));

        var response = await c.PostAsync("/api/assets/search", Body(new JsonObject { ["geometry"] = Square(x, y, 0.0008) }, "application/json"));
        var found = (await response.JsonAsync())["assets"]!.AsArray()
            .Select(a => (a!["collection"]!.GetValue<string>(), a["id"]!.GetValue<long>())).ToArray();
        Assert.Equal([("manholes", manhole.Id), ("parks", park.Id), ("streetlights", light.Id)], found);
    }

    [Fact]
    public async Task Search_UsesEachKindsSpatialIndex()
    {
        // The plan for the cross-kind statement must use a GiST index scan on every kind's table, not a full scan.
        await using var cmd = Fixture.Db.CreateCommand("set enable_seqscan = off; explain select * from (" +
            string.Join(" union all ", AssetKinds.All.Select(k =>
                $"select id from {k.Table} where geometry && ST_MakeEnvelope(118.6,24.8,118.7,24.9,4326)")) + ") a");
        var plan = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) plan.Add(reader.GetString(0)); } while (await reader.NextResultAsync());
        foreach (var kind in AssetKinds.All)
            Assert.Contains(plan, line => line.Contains($"IX_{kind.Table}_geometry"));
    }
}
