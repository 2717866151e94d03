using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Create, read, patch, replace and delete for every kind, checked against the database.</summary>
public sealed class CrudRoundTripTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    public static TheoryData<string> Kinds =>
        ["manholes", "streetlights", "bridges", "ancient_trees", "sewer_segments", "waterlogging_points", "parks", "residential_areas"];

    /// <summary>A valid new feature of each kind, in 丰泽区; sewer segments get two manholes made first.</summary>
    internal static async Task<JsonObject> SampleAsync(HttpClient c, string kind)
    {
        var (x, y) = Fengze;
        switch (kind)
        {
            case "manholes": return Feature(Point(x, y), new() { ["network"] = "rain", ["depth_m"] = 2.4, ["name"] = "样例井" });
            case "streetlights": return Feature(Point(x, y), new() { ["lamp_type"] = "led", ["wattage_w"] = 120, ["pole_height_m"] = 10.0 });
            case "bridges": return Feature(Line((x, y), (x + 0.001, y)), new() { ["structure_type"] = "beam", ["condition_grade"] = "B", ["name"] = "样例桥" });
            case "ancient_trees": return Feature(Point(x, y), new() { ["species"] = "榕树", ["estimated_age_years"] = 320, ["protection_grade"] = "grade_2" });
            case "waterlogging_points": return Feature(Point(x, y), new() { ["risk_level"] = "high", ["remediation_status"] = "open", ["max_depth_cm"] = 35.0 });
            case "parks": return Feature(Square(x, y, 0.001), new() { ["park_class"] = "pocket", ["name"] = "样例口袋公园" });
            case "residential_areas": return Feature(Square(x, y, 0.002), new() { ["population"] = 1200 });
            case "sewer_segments":
                var up = await c.CreateAsync("manholes", Feature(Point(x, y), new() { ["network"] = "sewage" }));
                var down = await c.CreateAsync("manholes", Feature(Point(x + 0.0004, y), new() { ["network"] = "sewage" }));
                return Feature(Line((x, y), (x + 0.0004, y)), new()
                {
                    ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage",
                    ["diameter_mm"] = 400, ["upstream_invert_m"] = 3.2, ["downstream_invert_m"] = 3.0,
                });
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateReadPatchReplaceDelete_EveryKind_RoundTripsAndRecordsHistory(string kind)
    {
        var c = Fixture.Client();
        var sample = await SampleAsync(c, kind);

        // Create: 201 with Location and ETag; the row is in the kind's table with the derived district.
        var created = await c.PostAsync(kind, sample);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var feature = await created.JsonAsync();
        var id = feature["id"]!.GetValue<long>();
        Assert.EndsWith($"/ogc/collections/{kind}/items/{id}", created.Headers.Location!.ToString());
        Assert.Equal("\"1\"", created.Headers.ETag!.ToString());
        Assert.Equal("350503", await Fixture.ScalarAsync<string>($"select district from {kind} where id = $1", id));
        Assert.Matches(@"^[A-Z]{2}-350503-\d{6}$", feature["properties"]!["code"]!.GetValue<string>());
        Assert.Equal("t_engineer", feature["properties"]!["created_by"]!.GetValue<string>());

        // Read: the same feature and its ETag.
        var read = await c.GetAsync($"/ogc/collections/{kind}/items/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/geo+json", read.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"1\"", read.Headers.ETag!.ToString());
        var readJson = await read.JsonAsync();
        foreach (var (name, value) in sample["properties"]!.AsObject())
            Assert.Equal(value!.ToJsonString(), readJson["properties"]![name]!.ToJsonString());

        // Patch: only the named property changes; the version moves on.
        var patched = await c.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/{kind}/items/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["owner"] = "泉州市城市管理局" } }, "\"1\"", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("\"2\"", patched.Headers.ETag!.ToString());
        Assert.Equal("泉州市城市管理局", await Fixture.ScalarAsync<string>($"select owner from {kind} where id = $1", id));
        var samplePropertyName = sample["properties"]!.AsObject().First().Key;
        Assert.Equal(sample["properties"]![samplePropertyName]!.ToJsonString(), (await patched.JsonAsync())["properties"]![samplePropertyName]!.ToJsonString());

        // Replace: the owner, not in the new body, returns to empty; the code is kept.
        var replacement = await SampleAsync(c, kind);
        replacement["properties"]!["name"] = "替换后";
        var replaced = await c.SendWithIfMatchAsync(HttpMethod.Put, $"/ogc/collections/{kind}/items/{id}", replacement, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"3\"", replaced.Headers.ETag!.ToString());
        Assert.Equal("替换后", await Fixture.ScalarAsync<string>($"select name from {kind} where id = $1", id));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>($"select count(*) from {kind} where id = $1 and owner is not null", id));
        Assert.Equal(feature["properties"]!["code"]!.GetValue<string>(), await Fixture.ScalarAsync<string>($"select code from {kind} where id = $1", id));

        // Delete: 204, gone from the table and the API, history kept.
        var deleted = await c.SendWithIfMatchAsync(HttpMethod.Delete, $"/ogc/collections/{kind}/items/{id}", null, "\"3\"");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>($"select count(*) from {kind} where id = $1", id));
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/ogc/collections/{kind}/items/{id}")).StatusCode);

        var history = await (await c.GetAsync($"/api/assets/{id}/history")).JsonAsync();
        var operations = history["changes"]!.AsArray().Select(ch => ch!["operation"]!.GetValue<string>()).ToArray();
        Assert.Equal(["create", "update", "replace", "delete"], operations);
        Assert.Equal(4L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where asset_id = $1", id));
    }
}
