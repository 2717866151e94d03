using System.Text.Json.Nodes;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>The red and yellow cards counted per crew as well as per district.</summary>
public sealed class CrewSummaryTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Summary_CountsEachCrewsListsAndUnassignedWorkInItsDistricts()
    {
        var c = Fixture.Client();
        for (var i = 0; i < 4; i++)
            await c.CreateAsync("bridges", Feature(Line((Fengze.Lon + i * 0.002, Fengze.Lat), (Fengze.Lon + i * 0.002 + 0.001, Fengze.Lat)),
                new() { ["structure_type"] = "beam", ["maintenance_grade"] = "1" }));
        await Fixture.ScalarAsync<int>("insert into crews (name, districts, capacity_per_day, members) values ('丰泽一组', '{350503}', 3, '{}'), ('鲤城一组', '{350502}', 5, '{}'); select 1");
        var day = new DateOnly(2026, 3, 10);
        await new InspectionScheduler(Fixture.Db, new InspectionOptions(), TimeProvider.System).RunAsync(day);
        var build = await c.PostAsync($"/api/work-lists/build?date={day:yyyy-MM-dd}", null);
        Assert.True(build.IsSuccessStatusCode, await build.Content.ReadAsStringAsync());
        await Fixture.ScalarAsync<int>("update inspection_tasks set escalation = 'red' where work_list_id is null; select 1");

        var summary = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/tasks/summary?date={day:yyyy-MM-dd}"))!;
        var fengze = summary["crews"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == "丰泽一组")!;
        var assigned = await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks t join work_lists w on w.id = t.work_list_id join crews c on c.id = w.crew_id where c.name = '丰泽一组' and t.status = 'open'");
        var unassigned = await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where district = '350503' and work_list_id is null and status = 'open'");
        Assert.Equal(3, assigned); // capacity 3 of the day's 4 routine patrols
        Assert.Equal(assigned, fengze["assignedOpen"]!.GetValue<long>());
        Assert.Equal(unassigned, fengze["unassignedOpen"]!.GetValue<long>());
        Assert.Equal(unassigned, fengze["unassignedRed"]!.GetValue<long>());
        var licheng = summary["crews"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == "鲤城一组")!;
        Assert.Equal(0, licheng["assignedOpen"]!.GetValue<long>());
    }
}
