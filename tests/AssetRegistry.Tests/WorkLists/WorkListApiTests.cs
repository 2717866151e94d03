using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Users;
using AssetRegistry.Domain.WorkLists;
using AssetRegistry.Tests.Infrastructure;
using ClosedXML.Excel;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.WorkLists;

/// <summary>Crews, building a day's lists, reading and exporting them, and who may do what.</summary>
public sealed class WorkListApiTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private const string Fengze = "350503", Licheng = "350502", Shishi = "350581";

    private WorkListBuilder Builder() => new(Fixture.Db, new InspectionOptions(), TimeProvider.System);

    /// <summary>Creates a grid of manholes (rows × columns, about 55 m apart) around (lon, lat) through the API.</summary>
    private async Task<List<long>> ManholesAsync(double lon, double lat, int rows, int columns, string? name = null)
    {
        var c = Fixture.Client();
        var ids = new List<long>();
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < columns; k++)
            {
                var properties = new JsonObject { ["network"] = "sewage" };
                if (name is not null) properties["name"] = name;
                ids.Add((await c.CreateAsync("manholes", Feature(Point(lon + k * 0.0005, lat + r * 0.0005), properties))).Id);
            }
        return ids;
    }

    private async Task<int> CrewAsync(string name, string[] districts, int capacity, params string[] members)
    {
        var response = await Fixture.Client(Roles.Admin).PostAsync("/api/crews", Body(new JsonObject
        {
            ["name"] = name, ["districts"] = new JsonArray(districts.Select(d => (JsonNode)d!).ToArray()), ["capacityPerDay"] = capacity,
            ["members"] = new JsonArray(members.Select(m => (JsonNode)m!).ToArray()),
        }, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    /// <summary>Opens one task per manhole due on <paramref name="due"/>, straight into the table (set-based).</summary>
    private Task<long> OpenTasksAsync(IEnumerable<long> assetIds, DateOnly due, int priority = 100, string card = "none", bool confined = false) =>
        Fixture.ScalarAsync<long>("""
            with i as (
                insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                                              confined_space, escalation, created_at, safety_confirmed, version)
                select m.id, 'manholes', m.district, 'cover_patrol', 'manhole_cover', $2, $3, 'open', $5, $4, now(), false, 1
                from manholes m where m.id = any($1) returning 1)
            select count(*) from i
            """, assetIds.ToArray(), due, priority, card, confined);

    private async Task<JsonObject> BuildAsync(HttpClient client, DateOnly day)
    {
        var response = await client.PostAsync($"/api/work-lists/build?date={day:yyyy-MM-dd}", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Build_PutsEveryDueTaskOfACoveredDistrictOnOneListWithinCapacity()
    {
        var fengze = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 5, 6);
        var licheng = await ManholesAsync(Features.Licheng.Lon, Features.Licheng.Lat, 3, 4);
        var shishi = await ManholesAsync(118.66, 24.74, 1, 3);
        var east = await CrewAsync("丰泽一班", [Fengze], 16);
        var west = await CrewAsync("丰泽二班", [Fengze], 16);
        var licheng1 = await CrewAsync("鲤城一班", [Licheng], 12);
        await OpenTasksAsync(fengze, Day.AddDays(-3));
        await OpenTasksAsync(licheng, Day);
        await OpenTasksAsync(shishi, Day);
        await OpenTasksAsync(fengze.Take(2), Day.AddDays(1));    // due tomorrow: not today's work
        await Fixture.ScalarAsync<int>("update inspection_tasks set status = 'done' where asset_id = $1 and due_date = $2 returning 1", licheng[0], Day);

        var report = await BuildAsync(Fixture.Client(Roles.Engineer), Day);

        // Every open task due by the day in a covered district is on a list; tomorrow's, the done one and 石狮's are not.
        Assert.Equal(0L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where status = 'open' and due_date <= $1 and district in ('350502','350503') and work_list_id is null", Day));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where (due_date > $1 or status <> 'open' or district = '350581') and work_list_id is not null", Day));
        Assert.Equal(30 + 11, report["assignedTasks"]!.GetValue<int>());
        var uncovered = Assert.Single(report["uncovered"]!.AsArray());
        Assert.Equal(Shishi, uncovered!["district"]!.GetValue<string>());
        Assert.Equal(3, uncovered["tasks"]!.GetValue<int>());
        Assert.Empty(report["deferred"]!.AsArray());

        // 丰泽 is split between its two crews; no crew is over its capacity; stops are numbered 1..n.
        var lists = report["lists"]!.AsArray().Select(l => l!.AsObject()).ToList();
        Assert.Equal(new[] { east, west }, lists.Where(l => l["district"]!.GetValue<string>() == Fengze).Select(l => l["crewId"]!.GetValue<int>()).Order());
        Assert.Equal(licheng1, lists.Single(l => l["district"]!.GetValue<string>() == Licheng)["crewId"]!.GetValue<int>());
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("""
            select count(*) from (select w.crew_id from work_lists w join inspection_tasks t on t.work_list_id = w.id join crews c on c.id = w.crew_id
                                  group by w.crew_id, c.capacity_per_day having count(*) > c.capacity_per_day) over
            """));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("""
            select count(*) from (select work_list_id from inspection_tasks where work_list_id is not null
                                  group by work_list_id having min(stop_number) <> 1 or max(stop_number) <> count(*) or count(distinct stop_number) <> count(*)) bad
            """));
        foreach (var l in lists)
        {
            var route = l["routeLengthM"]!.GetValue<double>();
            Assert.True(route > 0, l.ToJsonString());
            Assert.True(route <= l["codeOrderLengthM"]!.GetValue<double>() + 1e-6, l.ToJsonString());
            Assert.Equal(route, await Fixture.ScalarAsync<double>("select route_length_m from work_lists where id = $1", l["id"]!.GetValue<long>()), 6);
        }
    }

    [Fact]
    public async Task BuildTwice_SecondBuildAddsNothing()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 3, 3);
        await CrewAsync("丰泽一班", [Fengze], 20);
        await OpenTasksAsync(assets, Day);

        var first = await Builder().BuildAsync(Day);
        var second = await Builder().BuildAsync(Day);

        Assert.Equal(9, first.AssignedTasks);
        Assert.Empty(second.Lists);
        Assert.Equal(0, second.CandidateTasks);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from work_lists"));
    }

    [Fact]
    public async Task TwoBuildsAtOnce_PutNoTaskOnTwoLists()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 4, 4);
        await CrewAsync("丰泽一班", [Fengze], 10);
        await CrewAsync("丰泽二班", [Fengze], 10);
        await OpenTasksAsync(assets, Day);

        var reports = await Task.WhenAll(Builder().BuildAsync(Day), Builder().BuildAsync(Day), Builder().BuildAsync(Day));

        Assert.Equal(16, reports.Sum(r => r.AssignedTasks));
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from work_lists"));
        Assert.Equal(16L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where work_list_id is not null"));
    }

    [Fact]
    public async Task TasksDueLater_GetANewListWithinTheRoomLeft()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 2, 5);
        await CrewAsync("丰泽一班", [Fengze], 7);
        await OpenTasksAsync(assets.Take(4), Day);
        await Builder().BuildAsync(Day);

        await OpenTasksAsync(assets.Skip(4), Day);
        var second = await Builder().BuildAsync(Day);

        var list = Assert.Single(second.Lists);
        Assert.Equal(2, list.Sequence);
        Assert.Equal(3, list.Stops);
        Assert.Equal(new DistrictTaskCount(Fengze, 3), Assert.Single(second.Deferred));
    }

    [Fact]
    public async Task CapacityShort_RedAndYellowCardsAndUrgentTasksGoFirst()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 2, 5);
        await CrewAsync("丰泽一班", [Fengze], 3);
        await OpenTasksAsync(assets.Take(7), Day);
        await OpenTasksAsync([assets[7]], Day.AddDays(-12), card: EscalationCards.Red);
        await OpenTasksAsync([assets[8]], Day.AddDays(-4), card: EscalationCards.Yellow);
        await OpenTasksAsync([assets[9]], Day, priority: 10);

        var report = await Builder().BuildAsync(Day);

        Assert.Equal(3, report.AssignedTasks);
        Assert.Equal(new DistrictTaskCount(Fengze, 7), Assert.Single(report.Deferred));
        var onList = await Fixture.ScalarAsync<long[]>("select array_agg(asset_id order by asset_id) from inspection_tasks where work_list_id is not null");
        Assert.Equal(assets.Skip(7).ToArray(), onList);
    }

    [Fact]
    public async Task ScheduledTasks_DueByTheDayAreListed()
    {
        // The scheduler spreads a new manhole's first monthly patrol to today + (id mod 30) and creates those due
        // within a week: 30 consecutive ids give one task due on each of the next eight days.
        await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 5, 6);
        await CrewAsync("丰泽一班", [Fengze], 100);
        await new InspectionScheduler(Fixture.Db, new InspectionOptions(), TimeProvider.System).RunAsync(Day);
        var listDay = Day.AddDays(3);
        var due = await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where due_date <= $1", listDay);
        var later = await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where due_date > $1", listDay);

        var report = await Builder().BuildAsync(listDay);

        Assert.True(due > 0 && later > 0, $"the fixture should have tasks due by the day ({due}) and later ({later})");
        Assert.Equal(due, report.AssignedTasks);
        Assert.Equal(due, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where work_list_id is not null and due_date <= $1", listDay));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where work_list_id is not null and due_date > $1", listDay));
    }

    [Fact]
    public async Task ListEndpoints_ShowTheStopsInRouteOrder()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 2, 3);
        var crew = await CrewAsync("丰泽一班", [Fengze], 10, "t_crew");
        await OpenTasksAsync(assets, Day, confined: true);
        var id = (await Builder().BuildAsync(Day)).Lists.Single().Id;
        var c = Fixture.Client(Roles.Planner);

        var found = await (await c.GetAsync($"/api/work-lists?date={Day:yyyy-MM-dd}&crewId={crew}&district={Fengze}")).JsonAsync();
        Assert.Equal(id, Assert.Single(found["lists"]!.AsArray())!["id"]!.GetValue<long>());
        Assert.Empty((await (await c.GetAsync($"/api/work-lists?date={Day.AddDays(1):yyyy-MM-dd}")).JsonAsync())["lists"]!.AsArray());

        var detail = await (await c.GetAsync($"/api/work-lists/{id}")).JsonAsync();
        Assert.Equal("丰泽区", detail["districtName"]!.GetValue<string>());
        Assert.Equal("Fengze District", detail["districtNameEn"]!.GetValue<string>());
        Assert.Equal("Fengze District", found["lists"]![0]!["districtNameEn"]!.GetValue<string>());
        var stops = detail["stops"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(1, 6), stops.Select(s => s["stopNumber"]!.GetValue<int>()));
        Assert.Equal(assets.Order(), stops.Select(s => s["assetId"]!.GetValue<long>()).Order());
        Assert.All(stops, s =>
        {
            Assert.StartsWith("MH-", s["assetCode"]!.GetValue<string>());
            Assert.True(s["confinedSpace"]!.GetValue<bool>());
            Assert.Equal("cover_patrol", s["inspectionType"]!.GetValue<string>());
            Assert.InRange(s["lon"]!.GetValue<double>(), 118.67, 118.68);
        });
        Assert.True(detail["routeLengthM"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Xlsx_OpensAndHasAHeaderAndARowPerStop()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 2, 4);
        await CrewAsync("丰泽一班", [Fengze], 10);
        await OpenTasksAsync(assets, Day);
        var id = (await Builder().BuildAsync(Day)).Lists.Single().Id;

        var response = await Fixture.Client(Roles.Crew).GetAsync($"/api/work-lists/{id}.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("工作单");
        Assert.Equal("序号", sheet.Cell(1, 1).GetString());
        Assert.Equal("Stop", sheet.Cell(2, 1).GetString());
        Assert.Equal(2 + 8, sheet.LastRowUsed().RowNumber());
        var codes = await Fixture.ScalarAsync<string[]>("select array_agg(m.code order by t.stop_number) from inspection_tasks t join manholes m on m.id = t.asset_id");
        Assert.Equal(codes, Enumerable.Range(3, 8).Select(r => sheet.Cell(r, 2).GetString()));
        Assert.Equal(Enumerable.Range(1, 8), Enumerable.Range(3, 8).Select(r => sheet.Cell(r, 1).GetValue<int>()));
        var about = book.Worksheet("概况");
        Assert.Equal("行政区 District", about.Cell(3, 1).GetString());
        Assert.Equal("丰泽区 Fengze District (350503)", about.Cell(3, 2).GetString());
    }

    [Fact]
    public async Task GeoJson_HasNumberedStopsAndTheRoute()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 2, 2);
        await CrewAsync("丰泽一班", [Fengze], 10);
        await OpenTasksAsync(assets, Day);
        var id = (await Builder().BuildAsync(Day)).Lists.Single().Id;

        var response = await Fixture.Client(Roles.Crew).GetAsync($"/api/work-lists/{id}.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = await response.JsonAsync();

        Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
        var features = collection["features"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var points = features.Where(f => f["geometry"]!["type"]!.GetValue<string>() == "Point").ToList();
        Assert.Equal(Enumerable.Range(1, 4), points.Select(p => p["properties"]!["stopNumber"]!.GetValue<int>()));
        var route = Assert.Single(features, f => f["geometry"]!["type"]!.GetValue<string>() == "LineString");
        var line = route["geometry"]!["coordinates"]!.AsArray();
        Assert.Equal(points.Select(p => p["geometry"]!["coordinates"]!.ToJsonString()), line.Select(c => c!.ToJsonString()));
        Assert.True(route["properties"]!["routeLengthM"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task PrintPage_ListsTheStopsEscapesNamesAndWarnsOfConfinedSpace()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 1, 2, name: "<script>alert('x')</script>井");
        await CrewAsync("丰泽<b>一班</b>", [Fengze], 10);
        await OpenTasksAsync(assets.Take(1), Day, confined: true);
        await OpenTasksAsync(assets.Skip(1), Day);
        var id = (await Builder().BuildAsync(Day)).Lists.Single().Id;

        var response = await Fixture.Client(Roles.Crew).GetAsync($"/work-lists/{id}/print");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var code in await Fixture.ScalarAsync<string[]>("select array_agg(code) from manholes"))
            Assert.Contains(code, html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("丰泽&lt;b&gt;一班&lt;/b&gt;", html);
        Assert.Contains("有限空间作业", html);
        Assert.Contains("气体检测", html);
        Assert.Contains("/css/print.css", html);
        Assert.DoesNotContain("style=", html);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task CrewRole_CannotBuildButReadsItsOwnLists()
    {
        var assets = await ManholesAsync(Features.Fengze.Lon, Features.Fengze.Lat, 1, 3);
        var mine = await CrewAsync("丰泽一班", [Fengze], 2, "t_crew");
        await CrewAsync("丰泽二班", [Fengze], 2, "someone_else");
        await OpenTasksAsync(assets, Day);
        var crew = Fixture.Client(Roles.Crew);

        await AssertProblemAsync(await crew.PostAsync($"/api/work-lists/build?date={Day:yyyy-MM-dd}", null), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await Fixture.Client(Roles.Planner).PostAsync($"/api/work-lists/build?date={Day:yyyy-MM-dd}", null), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await Fixture.Client(null).GetAsync($"/api/work-lists/mine?date={Day:yyyy-MM-dd}"), HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from work_lists"));

        await BuildAsync(Fixture.Client(Roles.Admin), Day);
        var lists = (await (await crew.GetAsync($"/api/work-lists/mine?date={Day:yyyy-MM-dd}")).JsonAsync())["lists"]!.AsArray();
        Assert.Equal(mine, Assert.Single(lists)!["crewId"]!.GetValue<int>());
        Assert.Empty((await (await Fixture.Client(Roles.Planner).GetAsync($"/api/work-lists/mine?date={Day:yyyy-MM-dd}")).JsonAsync())["lists"]!.AsArray());
    }

    [Fact]
    public async Task CreateCrew_InvalidFields_Returns400WithFieldErrors()
    {
        var admin = Fixture.Client(Roles.Admin);
        var response = await admin.PostAsync("/api/crews", Body(new JsonObject
        {
            ["name"] = " ", ["districts"] = new JsonArray("350503", "999999"), ["capacityPerDay"] = 0,
        }, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name") && errors.ContainsKey("capacityPerDay"), errors.ToJsonString());
        Assert.Contains("999999", errors["districts"]!.ToJsonString());

        await AssertProblemAsync(await admin.PostAsync("/api/crews", Body(new JsonObject { ["name"] = "x", ["districts"] = "350503", ["capacityPerDay"] = 1001 }, "application/json")),
            HttpStatusCode.BadRequest, "districts");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from crews"));
    }

    [Fact]
    public async Task CreateCrew_DuplicateName_Returns409_AndOnlyAdminsCreate()
    {
        await CrewAsync("丰泽一班", [Fengze], 10);
        var body = new JsonObject { ["name"] = "丰泽一班", ["districts"] = new JsonArray("350503"), ["capacityPerDay"] = 10 };
        await AssertProblemAsync(await Fixture.Client(Roles.Admin).PostAsync("/api/crews", Body(body, "application/json")), HttpStatusCode.Conflict, "name");
        body["name"] = "丰泽三班";
        await AssertProblemAsync(await Fixture.Client(Roles.Engineer).PostAsync("/api/crews", Body(body, "application/json")), HttpStatusCode.Forbidden);
        var crews = (await (await Fixture.Client(Roles.Crew).GetAsync("/api/crews")).JsonAsync())["crews"]!.AsArray();
        Assert.Equal("丰泽一班", Assert.Single(crews)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadDateAndUnknownList_AreProblems()
    {
        await AssertProblemAsync(await Fixture.Client().PostAsync("/api/work-lists/build?date=10.03.2026", null), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/work-lists?date=2026-02-30"), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/work-lists?crewId=abc"), HttpStatusCode.BadRequest, "crewId");
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/work-lists/424242"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/work-lists/424242.xlsx"), HttpStatusCode.NotFound);
    }
}
