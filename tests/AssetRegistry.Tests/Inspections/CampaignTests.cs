using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Inspections.Campaigns;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>Emergency campaigns: exactly the in-service assets inside the polygon, priorities by reason, no duplicates.</summary>
public sealed class CampaignTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static readonly (double Lon, double Lat) Corner = (Fengze.Lon - 0.002, Fengze.Lat - 0.002);

    /// <summary>Inside a 0.004° square: a tree, a streetlight, a manhole, a retired streetlight; outside: a tree.</summary>
    private async Task<(long Tree, long Light, long Manhole, long Retired, long Outside)> CityAsync()
    {
        var c = Fixture.Client();
        var (x, y) = Fengze;
        var tree = await c.CreateAsync("ancient_trees", Feature(Point(x, y), new() { ["species"] = "樟树" }));
        var light = await c.CreateAsync("streetlights", Feature(Point(x + 0.001, y), new() { ["lamp_type"] = "led" }));
        var manhole = await c.CreateAsync("manholes", Feature(Point(x, y + 0.001), new() { ["network"] = "rain" }));
        var retired = await c.CreateAsync("streetlights", Feature(Point(x - 0.001, y), new() { ["lamp_type"] = "led", ["status"] = "retired" }));
        var outside = await c.CreateAsync("ancient_trees", Feature(Point(x + 0.01, y), new() { ["species"] = "榕树" }));
        return (tree.Id, light.Id, manhole.Id, retired.Id, outside.Id);
    }

    private static JsonObject Request(string reason, params string[] collections) => new()
    {
        ["reason"] = reason, ["note"] = "台风“杜苏芮”过境后",
        ["collections"] = new JsonArray(collections.Select(c => (JsonNode)c).ToArray()),
        ["area"] = Square(Corner.Lon, Corner.Lat, 0.004),
    };

    private async Task<JsonObject> CreateOkAsync(JsonObject request)
    {
        var response = await Fixture.Client("engineer").PostAsync("/api/campaigns", Body(request, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Campaign_CoversExactlyTheInServiceAssetsInsideItsPolygon()
    {
        var (tree, light, manhole, retired, outside) = await CityAsync();
        var created = await CreateOkAsync(Request("typhoon"));
        var id = created["id"]!.GetValue<long>();

        Assert.Equal(1, created["tasksCreated"]!["ancient_trees"]!.GetValue<int>());
        Assert.Equal(1, created["tasksCreated"]!["streetlights"]!.GetValue<int>());
        Assert.Equal(1, created["tasksCreated"]!["manholes"]!.GetValue<int>());
        Assert.Equal(0, created["tasksCreated"]!["bridges"]!.GetValue<int>());
        var assets = await Fixture.ScalarAsync<long[]>("select array_agg(asset_id order by asset_id) from inspection_tasks where campaign_id = $1", id);
        Assert.Equal(new[] { tree, light, manhole }.Order().ToArray(), assets);
        Assert.DoesNotContain(retired, assets);
        Assert.DoesNotContain(outside, assets);
        Assert.Equal(3L, await Fixture.ScalarAsync<long>("""
            select count(*) from inspection_tasks
            where campaign_id = $1 and inspection_type = 'emergency_check' and status = 'open' and due_date = (now() at time zone 'Asia/Shanghai')::date
            """, id));

        var view = await (await Fixture.Client("viewer").GetAsync($"/api/campaigns/{id}")).JsonAsync();
        Assert.Equal("typhoon", view["reason"]!.GetValue<string>());
        Assert.Equal("Polygon", view["area"]!["type"]!.GetValue<string>());
        Assert.Equal(3, view["progress"]!.AsArray().Sum(p => p!["open"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("typhoon", "ancient_trees", "manholes")]
    [InlineData("rainstorm", "manholes", "ancient_trees")]
    public async Task Campaign_PrioritiesFollowTheReason(string reason, string first, string later)
    {
        await CityAsync();
        var id = (await CreateOkAsync(Request(reason)))["id"]!.GetValue<long>();
        var firstPriority = await Fixture.ScalarAsync<int>("select priority from inspection_tasks where campaign_id = $1 and collection = $2", id, first);
        var laterPriority = await Fixture.ScalarAsync<int>("select priority from inspection_tasks where campaign_id = $1 and collection = $2", id, later);
        Assert.True(firstPriority < laterPriority, $"{reason}: {first} {firstPriority} should come before {later} {laterPriority}");
        Assert.Equal(CampaignRules.Default.FirstPriority, firstPriority);
    }

    [Fact]
    public async Task Campaign_OnlyTheChosenCollections()
    {
        await CityAsync();
        var created = await CreateOkAsync(Request("rainstorm", "manholes"));
        Assert.Single(created["tasksCreated"]!.AsObject());
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where campaign_id = $1", created["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task SameRequestTwice_TwoCampaigns_ButReplanningOneNeverDuplicatesTasks()
    {
        await CityAsync();
        var first = (await CreateOkAsync(Request("typhoon")))["id"]!.GetValue<long>();
        var second = (await CreateOkAsync(Request("typhoon")))["id"]!.GetValue<long>();
        Assert.NotEqual(first, second);
        Assert.Equal(6L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where campaign_id is not null"));

        var planner = new CampaignPlanner(Fixture.Db, new InspectionOptions(), TimeProvider.System);
        var again = await planner.PlanTasksAsync(first);
        Assert.All(again.Values, n => Assert.Equal(0, n));
        var replan = await Fixture.Client("admin").PostAsync($"/api/campaigns/{first}/plan", null);
        Assert.Equal(HttpStatusCode.OK, replan.StatusCode);
        Assert.Equal(3L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where campaign_id = $1", first));
        // A tree planted inside the area afterwards is added by planning again, once.
        await Fixture.Client().CreateAsync("ancient_trees", Feature(Point(Fengze.Lon + 0.0015, Fengze.Lat + 0.0015), new() { ["species"] = "龙眼" }));
        Assert.Equal(1, (await planner.PlanTasksAsync(first))["ancient_trees"]);
        Assert.Equal(0, (await planner.PlanTasksAsync(first))["ancient_trees"]);
    }

    [Fact]
    public async Task Campaign_BadRequest_Returns400NamingTheFieldsAndCreatesNothing()
    {
        var bad = new JsonObject
        {
            ["reason"] = "earthquake", ["collections"] = new JsonArray("parks"), ["area"] = Point(Fengze.Lon, Fengze.Lat), ["colour"] = "red",
        };
        var response = await Fixture.Client("engineer").PostAsync("/api/campaigns", Body(bad, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "reason");
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("collections") && errors.ContainsKey("area") && errors.ContainsKey("colour"), errors.ToJsonString());
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from campaigns"));
    }

    [Theory]
    [InlineData("crew")]
    [InlineData("planner")]
    public async Task Campaign_OtherRoles_Return403(string role)
    {
        var response = await Fixture.Client(role).PostAsync("/api/campaigns", Body(Request("typhoon"), "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from campaigns"));
    }
}
