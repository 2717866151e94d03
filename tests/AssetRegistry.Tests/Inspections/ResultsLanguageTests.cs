using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>A crew on a Chinese phone reads checklist errors in Chinese.</summary>
public sealed class ResultsLanguageTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task RecordResult_BadVigour_InChinese()
    {
        var tree = (await Fixture.Client().CreateAsync("ancient_trees", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["species"] = "榕树" }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_patrol", "ancient_tree");
        var crew = Fixture.Client("crew");
        crew.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var answers = new JsonObject
        {
            ["vigour"] = "thriving", ["pests"] = new JsonArray(), ["lean_deg"] = 5, ["cavities"] = false, ["site_threats"] = new JsonArray(),
        };
        var response = await crew.RecordAsync(task, answers);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "vigour");
        var message = (await response.JsonAsync())["errors"]!["vigour"]![0]!.GetValue<string>();
        Assert.StartsWith("生长势须为以下之一：", message);
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
    }
}
