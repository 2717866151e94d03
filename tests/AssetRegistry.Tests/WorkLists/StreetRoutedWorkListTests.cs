using System.Text.Json.Nodes;
using AssetRegistry.Domain.Streets;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.WorkLists;

/// <summary>
/// Where the registry has a routed street network, a work list is ordered and measured along it (pgRouting). Fixture
/// worked by hand in CGCS2000 / GK CM 120°E metres: two manholes 100 m apart, joined only by a U of streets
/// 600 m east, 100 m north and 600 m back west — 1,300 m along the streets.
/// </summary>
public sealed class StreetRoutedWorkListTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Origin = "select ST_Transform(ST_SetSRID(ST_Point(118.6269, 24.9173), 4326), 4549) as p";
    private static readonly DateOnly Day = new(2026, 3, 10);

    private async Task<JsonObject> PointAsync(double x, double y) => JsonNode.Parse(await Fixture.ScalarAsync<string>(
        $"with o as ({Origin}) select ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_Point(ST_X(p) + $1, ST_Y(p) + $2), 4549), 4326), 9) from o", x, y))!.AsObject();

    private async Task StreetAsync(double x1, double y1, double x2, double y2) => await Fixture.ScalarAsync<long>($"""
        with o as ({Origin}),
             g as (select ST_Transform(ST_SetSRID(ST_MakeLine(ST_Point(ST_X(p) + $1, ST_Y(p) + $2), ST_Point(ST_X(p) + $3, ST_Y(p) + $4)), 4549), 4326) as g from o),
             i as (insert into streets (name, road_class, geometry, length_m) select '测试路', 'branch', g, ST_Length(g::geography) from g returning 1)
        select count(*) from i
        """, x1, y1, x2, y2);

    private async Task<JsonNode> BuildOneListAsync()
    {
        var c = Fixture.Client();
        foreach (var (x, y) in new[] { (0.0, 0.0), (0.0, 100.0) })
        {
            var (id, _, _) = await c.CreateAsync("manholes", Feature(await PointAsync(x, y), new() { ["network"] = "sewage" }));
            await Fixture.ScalarAsync<long>("""
                with i as (
                    insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                        confined_space, escalation, created_at, safety_confirmed, version)
                    select id, 'manholes', district, 'cover_patrol', 'manhole_cover', $2, 100, 'open', false, 'none', now(), false, 1
                    from manholes where id = $1 returning 1)
                select count(*) from i
                """, id, Day);
        }
        await Fixture.ScalarAsync<int>("insert into crews (name, districts, capacity_per_day, members) values ('丰泽一组', '{350503}', 10, '{}'); select 1");
        var build = await c.PostAsync($"/api/work-lists/build?date={Day:yyyy-MM-dd}", null);
        Assert.True(build.IsSuccessStatusCode, await build.Content.ReadAsStringAsync());
        var lists = JsonNode.Parse(await c.GetStringAsync($"/api/work-lists?date={Day:yyyy-MM-dd}"))!;
        return Assert.Single((lists["lists"] ?? lists)!.AsArray())!;
    }

    [Fact]
    public async Task WithStreets_RouteLengthIsAlongTheStreets()
    {
        await StreetAsync(0, 0, 600, 0);
        await StreetAsync(600, 0, 600, 100);
        await StreetAsync(600, 100, 0, 100);
        await StreetNetwork.BuildTopologyAsync(Fixture.Db);

        var list = await BuildOneListAsync();
        Assert.True(list["routedOnStreets"]!.GetValue<bool>());
        Assert.InRange(list["routeLengthM"]!.GetValue<double>(), 1295, 1305);
        Assert.True(await Fixture.ScalarAsync<bool>("select routed_on_streets from work_lists"));
    }

    [Fact]
    public async Task WithoutStreets_RouteIsInStraightLines()
    {
        var list = await BuildOneListAsync();
        Assert.False(list["routedOnStreets"]!.GetValue<bool>());
        Assert.InRange(list["routeLengthM"]!.GetValue<double>(), 99, 101);
    }

    [Fact]
    public async Task StreetsTooFarAway_RouteIsInStraightLines()
    {
        await StreetAsync(5000, 5000, 5600, 5000); // 5 km off: no stop is within reach of a street
        await StreetNetwork.BuildTopologyAsync(Fixture.Db);
        var list = await BuildOneListAsync();
        Assert.False(list["routedOnStreets"]!.GetValue<bool>());
        Assert.InRange(list["routeLengthM"]!.GetValue<double>(), 99, 101);
    }
}
