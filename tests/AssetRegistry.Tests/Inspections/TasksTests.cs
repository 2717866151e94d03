using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>Task lists, the per-district card summary and the checklists as JSON.</summary>
public sealed class TasksTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task ListTasks_FiltersAndPages()
    {
        var c = Fixture.Client();
        var inFengze = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        var inLicheng = await c.CreateAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new() { ["network"] = "rain" }));
        await TaskData.OpenTaskAsync(Fixture, "manholes", inFengze.Id, "cover_patrol", "manhole_cover");
        await TaskData.OpenTaskAsync(Fixture, "manholes", inLicheng.Id, "cover_patrol", "manhole_cover");
        var district = await Fixture.ScalarAsync<string>("select district from manholes where id = $1", inFengze.Id);

        var all = await (await Fixture.Client("viewer").GetAsync("/api/tasks?status=open&collection=manholes")).JsonAsync();
        Assert.Equal(2, all["numberMatched"]!.GetValue<int>());
        var one = await (await Fixture.Client("crew").GetAsync($"/api/tasks?district={district}&limit=1")).JsonAsync();
        Assert.Equal(1, one["numberMatched"]!.GetValue<int>());
        Assert.Equal(inFengze.Id, one["tasks"]![0]!["assetId"]!.GetValue<long>());
        var none = await (await Fixture.Client("crew").GetAsync("/api/tasks?due_before=2000-01-01")).JsonAsync();
        Assert.Equal(0, none["numberMatched"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListTasks_BadParameter_Returns400NamingIt()
    {
        await AssertProblemAsync(await Fixture.Client("crew").GetAsync("/api/tasks?status=lost"), HttpStatusCode.BadRequest, "status");
        await AssertProblemAsync(await Fixture.Client("crew").GetAsync("/api/tasks?due_before=tomorrow"), HttpStatusCode.BadRequest, "due_before");
        await AssertProblemAsync(await Fixture.Client("crew").GetAsync("/api/tasks?colour=red"), HttpStatusCode.BadRequest, "colour");
    }

    [Fact]
    public async Task Summary_CountsPerDistrictInOneGo()
    {
        var manhole = await Fixture.Client().CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        var district = await Fixture.ScalarAsync<string>("select district from manholes where id = $1", manhole.Id);
        var today = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole.Id, "cover_patrol", "manhole_cover");
        var late = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole.Id, "remediation", "remediation");
        await Fixture.ScalarAsync<int>("update inspection_tasks set due_date = due_date - 12, escalation = 'red' where id = $1 returning 1", late);
        var done = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole.Id, "cover_patrol", "manhole_cover");
        await Fixture.Client("crew").RecordOkAsync(done, new JsonObject { ["defects"] = new JsonArray() });
        var date = await Fixture.ScalarAsync<DateOnly>("select (now() at time zone 'Asia/Shanghai')::date");

        var summary = await (await Fixture.Client("planner").GetAsync($"/api/tasks/summary?date={date:yyyy-MM-dd}")).JsonAsync();
        var row = summary["districts"]!.AsArray().Single(d => d!["district"]!.GetValue<string>() == district)!;
        Assert.Equal(2, row["open"]!.GetValue<int>());
        Assert.Equal(1, row["overdue"]!.GetValue<int>());
        Assert.Equal(1, row["red"]!.GetValue<int>());
        Assert.Equal(0, row["yellow"]!.GetValue<int>());
        Assert.Equal(1, row["doneToday"]!.GetValue<int>());
        Assert.Equal(await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where due_date = $1 and status = 'open'", date),
            row["due"]!.GetValue<long>());
        Assert.True(today > 0);
        Assert.Equal(await Fixture.ScalarAsync<long>("select count(*) from districts"), summary["districts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Checklists_AreServedWithLabelsAndSources()
    {
        var list = await (await Fixture.Client("crew").GetAsync("/api/checklists")).JsonAsync();
        Assert.Contains(list["checklists"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "confined_space_safety");
        var cover = await (await Fixture.Client("crew").GetAsync("/api/checklists/manhole_cover")).JsonAsync();
        var defects = cover["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "defects")!;
        Assert.Equal("multi_choice", defects["type"]!.GetValue<string>());
        Assert.Equal(10, defects["options"]!.AsArray().Count);
        Assert.Contains(defects["options"]!.AsArray(), o => o!["titleZh"]!.GetValue<string>() == "无防坠落功能");
        Assert.Equal("verified", cover["provenance"]!["verification"]!.GetValue<string>());
        await AssertProblemAsync(await Fixture.Client("crew").GetAsync("/api/checklists/unknown"), HttpStatusCode.NotFound);
    }
}
