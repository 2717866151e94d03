using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Optimistic concurrency (ETag / If-Match) and the recorded history.</summary>
public sealed class ConcurrencyAndHistoryTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static JsonObject Patch(string name, object? value) =>
        new() { ["properties"] = new JsonObject { [name] = JsonValue.Create(value) } };

    [Fact]
    public async Task Patch_StaleIfMatch_Returns412AndChangesNothing()
    {
        var c = Fixture.Client();
        var (id, etag, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["depth_m"] = 2.0 }));
        var url = $"/ogc/collections/manholes/items/{id}";
        Assert.Equal(HttpStatusCode.OK, (await c.SendWithIfMatchAsync(HttpMethod.Patch, url, Patch("depth_m", 3.0), etag)).StatusCode);

        // A second editor still holds version 1.
        var stale = await c.SendWithIfMatchAsync(HttpMethod.Patch, url, Patch("depth_m", 9.0), etag);
        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(3.0, await Fixture.ScalarAsync<double>("select depth_m from manholes where id = $1", id));
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from manholes where id = $1", id));

        var staleDelete = await c.SendWithIfMatchAsync(HttpMethod.Delete, url, null, etag);
        await AssertProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes where id = $1", id));

        var forged = await c.SendWithIfMatchAsync(HttpMethod.Patch, url, Patch("depth_m", 9.0), "\"not-a-version\"");
        await AssertProblemAsync(forged, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where asset_id = $1", id));
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_Returns428AndChangesNothing()
    {
        var c = Fixture.Client();
        var (id, _, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["depth_m"] = 2.0 }));
        var response = await c.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/manholes/items/{id}", Patch("depth_m", 3.0), null);
        await AssertProblemAsync(response, (HttpStatusCode)428);
        Assert.Equal(2.0, await Fixture.ScalarAsync<double>("select depth_m from manholes where id = $1", id));
    }

    [Fact]
    public async Task Patch_InvalidValue_Returns400AndKeepsTheStoredFeature()
    {
        var c = Fixture.Client();
        var (id, etag, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["depth_m"] = 2.0, ["name"] = "原名" }));
        var body = new JsonObject { ["properties"] = new JsonObject { ["name"] = "新名", ["depth_m"] = 80 } };
        var response = await c.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/manholes/items/{id}", body, etag);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "depth_m");
        Assert.Equal("原名", await Fixture.ScalarAsync<string>("select name from manholes where id = $1", id));
        Assert.Equal(1, await Fixture.ScalarAsync<int>("select version from manholes where id = $1", id));
    }

    [Fact]
    public async Task History_AfterEdits_SaysWhoWhenAndWhatChanged()
    {
        var engineer = Fixture.Client();
        var admin = Fixture.Client("admin");
        var (id, etag, _) = await engineer.CreateAsync("streetlights", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["lamp_type"] = "hps", ["wattage_w"] = 250 }));
        var moved = new JsonObject { ["geometry"] = Point(Fengze.Lon + 0.0003, Fengze.Lat), ["properties"] = new JsonObject { ["lamp_type"] = "led", ["wattage_w"] = 90 } };
        var r = await admin.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/streetlights/items/{id}", moved, etag);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var history = await (await Fixture.Client("viewer").GetAsync($"/api/assets/{id}/history")).JsonAsync();
        Assert.Equal("streetlights", history["collection"]!.GetValue<string>());
        var changes = history["changes"]!.AsArray();
        Assert.Equal(2, changes.Count);
        Assert.Equal("t_engineer", changes[0]!["changedBy"]!.GetValue<string>());
        Assert.Null(changes[0]!["before"]);
        var update = changes[1]!;
        Assert.Equal("update", update["operation"]!.GetValue<string>());
        Assert.Equal("t_admin", update["changedBy"]!.GetValue<string>());
        Assert.Equal(2, update["version"]!.GetValue<int>());
        var changed = update["changes"]!.AsArray().ToDictionary(x => x!["property"]!.GetValue<string>(), x => x!);
        Assert.Equal(["geometry", "lamp_type", "wattage_w"], changed.Keys.Order().ToArray());
        Assert.Equal("hps", changed["lamp_type"]["before"]!.GetValue<string>());
        Assert.Equal(90, changed["wattage_w"]["after"]!.GetValue<int>());
        Assert.True(DateTimeOffset.UtcNow - update["changedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task History_OfUnknownFeature_Returns404()
    {
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/assets/987654321/history"), HttpStatusCode.NotFound);
    }
}
