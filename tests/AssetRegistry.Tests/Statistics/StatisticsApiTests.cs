using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Statistics;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Inspections;
using AssetRegistry.Web.Statistics;
using ClosedXML.Excel;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Statistics;

/// <summary>
/// The statistics API on a small registry with results worked by hand: counts per kind and district match the
/// database, the cover intact rate and the lighting rate follow their definitions, downloads carry the same numbers,
/// and crews may not read statistics.
/// </summary>
public sealed class StatisticsApiTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Fengze = "350503";
    private const string Licheng = "350502";

    private async Task<long> CreateAsync(string collection, (double Lon, double Lat) at, JsonObject properties) =>
        (await Fixture.Client().CreateAsync(collection, Feature(Point(at.Lon, at.Lat), properties))).Id;

    private static (double, double) Near((double Lon, double Lat) p, int i) => (p.Lon + i * 0.0003, p.Lat);

    private async Task<JsonObject> StatisticsAsync(string role = "planner") =>
        JsonNode.Parse(await Fixture.Client(role).GetStringAsync("/api/statistics"))!.AsObject();

    /// <summary>Three manholes in 丰泽区 (conditions good, fair, poor), one in 鲤城区 (unknown), two bridges (A, D).</summary>
    private async Task<long[]> SmallRegistryAsync()
    {
        var ids = new List<long>();
        var conditions = new[] { "good", "fair", "poor" };
        for (var i = 0; i < 3; i++)
            ids.Add(await CreateAsync("manholes", Near(Features.Fengze, i), new() { ["network"] = "rain", ["condition"] = conditions[i] }));
        ids.Add(await CreateAsync("manholes", Near(Features.Licheng, 0), new() { ["network"] = "sewage" }));
        var c = Fixture.Client();
        await c.CreateAsync("bridges", Feature(Line((Features.Fengze.Lon, Features.Fengze.Lat + 0.002), (Features.Fengze.Lon + 0.001, Features.Fengze.Lat + 0.002)),
            new() { ["structure_type"] = "beam", ["condition_grade"] = "A" }));
        await c.CreateAsync("bridges", Feature(Line((Features.Licheng.Lon, Features.Licheng.Lat + 0.002), (Features.Licheng.Lon + 0.001, Features.Licheng.Lat + 0.002)),
            new() { ["structure_type"] = "arch", ["condition_grade"] = "D" }));
        return [.. ids];
    }

    private static long CountOf(JsonObject stats, string collection, string district) =>
        stats["assets"]!.AsArray().Where(a => a!["collection"]!.GetValue<string>() == collection && a["district"]!.GetValue<string>() == district)
            .Select(a => a!["count"]!.GetValue<long>()).SingleOrDefault();

    [Fact]
    public async Task Statistics_CountsPerKindAndDistrict_MatchTheDatabase()
    {
        await SmallRegistryAsync();

        var stats = await StatisticsAsync();

        foreach (var (collection, district) in new[] { ("manholes", Fengze), ("manholes", Licheng), ("bridges", Fengze), ("bridges", Licheng) })
            Assert.Equal(await Fixture.ScalarAsync<long>($"select count(*) from \"{collection}\" where district = $1", district), CountOf(stats, collection, district));
        Assert.Equal(3, CountOf(stats, "manholes", Fengze));
        Assert.Equal(0, CountOf(stats, "streetlights", Fengze));
        var grades = stats["bridgeGrades"]!.AsArray().ToDictionary(g => g!["grade"]!.GetValue<string>(), g => g!["count"]!.GetValue<long>());
        Assert.Equal(new Dictionary<string, long> { ["A"] = 1, ["B"] = 0, ["C"] = 0, ["D"] = 1, ["E"] = 0 }, grades);
    }

    [Fact]
    public async Task CoverIntactRate_BeforeAnyInspection_IsTheConditionShareAndSaysSo()
    {
        await SmallRegistryAsync();

        var cover = (await StatisticsAsync())["coverIntact"]!;

        // Good and fair of the three of known condition; the 鲤城区 manhole's condition is unknown.
        Assert.Equal("cover_condition_good_or_fair", cover["definitionUsed"]!.GetValue<string>());
        Assert.Equal(2, cover["city"]!["numerator"]!.GetValue<long>());
        Assert.Equal(3, cover["city"]!["denominator"]!.GetValue<long>());
        Assert.Equal(66.67, cover["city"]!["percent"]!.GetValue<double>());
        Assert.Equal(0, cover["inspectedCity"]!["denominator"]!.GetValue<long>());
        Assert.Equal(99.6, cover["target"]!["percent"]!.GetValue<double>());
        Assert.Contains("泉城管〔2024〕60号", cover["target"]!["provenance"]!["source"]!.GetValue<string>());
    }

    /// <summary>Covers: one found intact; one with a broken cover whose remediation is open; one with a sunken
    /// cover whose remediation is done. Intact: 2 of 3 inspected = 66.67 %.</summary>
    [Fact]
    public async Task CoverIntactRate_FromRecordedResults_CountsCoversWithoutOpenDefects()
    {
        var m = await SmallRegistryAsync();
        var crew = Fixture.Client("crew");
        long[] tasks = [
            await TaskData.OpenTaskAsync(Fixture, "manholes", m[0], "cover_patrol", "manhole_cover"),
            await TaskData.OpenTaskAsync(Fixture, "manholes", m[1], "cover_patrol", "manhole_cover"),
            await TaskData.OpenTaskAsync(Fixture, "manholes", m[2], "cover_patrol", "manhole_cover"),
        ];
        await crew.RecordOkAsync(tasks[0], new JsonObject { ["defects"] = new JsonArray() });
        var broken = await crew.RecordOkAsync(tasks[1], new JsonObject { ["defects"] = new JsonArray("broken") });
        var sunken = await crew.RecordOkAsync(tasks[2], new JsonObject { ["defects"] = new JsonArray("sunken") });
        Assert.NotNull(broken["remediationTaskId"]);
        await Fixture.ScalarAsync<int>("update inspection_tasks set status = 'done', completed_at = now() where id = $1 returning 1",
            sunken["remediationTaskId"]!.GetValue<long>());

        var cover = (await StatisticsAsync())["coverIntact"]!;

        Assert.Equal("cover_intact_inspected", cover["definitionUsed"]!.GetValue<string>());
        Assert.Equal(2, cover["city"]!["numerator"]!.GetValue<long>());
        Assert.Equal(3, cover["city"]!["denominator"]!.GetValue<long>());
        Assert.Equal(66.67, cover["city"]!["percent"]!.GetValue<double>());
        var fengze = cover["districts"]!.AsArray().Single(d => d!["district"]!.GetValue<string>() == Fengze)!;
        Assert.Equal(66.67, fengze["percent"]!.GetValue<double>());
        Assert.Equal(3L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where checklist = 'manhole_cover' and status = 'done'"));
    }

    /// <summary>Two arterial lamps (one out), one branch lamp (lit), one secondary lamp out whose repair is done:
    /// arterial 50 %, branch 100 %, secondary 100 %, city 3 of 4 = 75 %.</summary>
    [Fact]
    public async Task LightingRate_FromTheLatestPatrols_PerRoadClassWithTargets()
    {
        var lamps = new List<(long Id, bool Out)>();
        var classes = new[] { ("arterial", true), ("arterial", false), ("branch", false), ("secondary", true) };
        for (var i = 0; i < classes.Length; i++)
            lamps.Add((await CreateAsync("streetlights", Near(Features.Fengze, i), new() { ["lamp_type"] = "led", ["road_class"] = classes[i].Item1 }), classes[i].Item2));
        var crew = Fixture.Client("crew");
        long? secondaryRemediation = null;
        for (var i = 0; i < lamps.Count; i++)
        {
            var task = await TaskData.OpenTaskAsync(Fixture, "streetlights", lamps[i].Id, "night_patrol", "streetlight");
            var recorded = await crew.RecordOkAsync(task, new JsonObject
            {
                ["lamp_out"] = lamps[i].Out, ["pole_damage"] = false, ["leakage"] = false, ["door_missing"] = false,
            });
            if (i == 3) secondaryRemediation = recorded["remediationTaskId"]!.GetValue<long>();
        }
        await Fixture.ScalarAsync<int>("update inspection_tasks set status = 'done', completed_at = now() where id = $1 returning 1", secondaryRemediation!.Value);

        var lighting = (await StatisticsAsync())["lighting"]!;

        var rows = lighting["roadClasses"]!.AsArray().ToDictionary(r => r!["roadClass"]!.GetValue<string>());
        Assert.Equal(2, rows["arterial"]!["shouldBeLit"]!.GetValue<long>());
        Assert.Equal(50.0, rows["arterial"]!["percent"]!.GetValue<double>());
        Assert.Equal(98.0, rows["arterial"]!["targetPercent"]!.GetValue<double>());
        Assert.Equal(100.0, rows["branch"]!["percent"]!.GetValue<double>());
        Assert.Equal(96.0, rows["branch"]!["targetPercent"]!.GetValue<double>());
        Assert.Equal(100.0, rows["secondary"]!["percent"]!.GetValue<double>());
        Assert.Equal(0, rows["expressway"]!["shouldBeLit"]!.GetValue<long>());
        Assert.Equal(75.0, lighting["city"]!["percent"]!.GetValue<double>());
        Assert.Equal("lighting_rate_latest_patrol", lighting["definition"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Inspections_PerDistrict_ReuseTheTaskSummary()
    {
        var m = await SmallRegistryAsync();
        await Fixture.ScalarAsync<long>("""
            insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status, confined_space,
                                          escalation, created_at, safety_confirmed, version)
            select id, 'manholes', district, 'cover_patrol', 'manhole_cover', (now() at time zone 'Asia/Shanghai')::date - 12, 100, 'open', false, 'red', now(), false, 1
            from manholes where id = $1 returning id
            """, m[0]);

        var stats = await StatisticsAsync("viewer");

        var fengze = stats["inspections"]!["districts"]!.AsArray().Single(d => d!["district"]!.GetValue<string>() == Fengze)!;
        Assert.Equal(1, fengze["overdue"]!.GetValue<long>());
        Assert.Equal(1, fengze["red"]!.GetValue<long>());
        var summary = JsonNode.Parse(await Fixture.Client("viewer").GetStringAsync("/api/tasks/summary"))!;
        var expected = summary["districts"]!.AsArray().Single(d => d!["district"]!.GetValue<string>() == Fengze)!;
        Assert.Equal(expected.ToJsonString(), fengze.ToJsonString());
    }

    [Fact]
    public async Task CsvDownload_HasABomAndTheSameNumbersAsTheApi()
    {
        await SmallRegistryAsync();
        var client = Fixture.Client("planner");

        var response = await client.GetAsync("/api/statistics/assets.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        var header = lines[0].Split(',');
        var manholes = Array.IndexOf(header, "检查井·井盖 Manholes and covers");
        Assert.True(manholes > 1, lines[0]);
        var fengze = lines.Single(l => l.StartsWith(Fengze + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal("3", fengze[manholes]);
        Assert.Equal("丰泽区", fengze[1]);
    }

    [Fact]
    public async Task XlsxDownload_HasTheSameNumbersAsTheApi()
    {
        await SmallRegistryAsync();
        var stats = await StatisticsAsync();

        var response = await Fixture.Client("planner").GetAsync("/api/statistics/cover-intact.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StatisticsExports.XlsxType, response.Content.Headers.ContentType!.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet(1);
        Assert.Equal("良好率 %", sheet.Cell(1, 8).GetString());
        var city = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "全市");
        Assert.Equal(stats["coverIntact"]!["conditionCity"]!["percent"]!.GetValue<double>(), city.Cell(8).GetDouble());
        Assert.Equal(99.6, city.Cell(9).GetDouble());
        Assert.Contains(book.Worksheet("说明").CellsUsed(), c => c.GetString().Contains("泉城管〔2024〕60号", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryChart_DownloadsAsCsvAndXlsx()
    {
        var client = Fixture.Client("admin");
        foreach (var chart in StatisticsTables.Charts)
            foreach (var format in new[] { "csv", "xlsx" })
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/statistics/{chart}.{format}")).StatusCode);
        await AssertProblemAsync(await client.GetAsync("/api/statistics/nothing.csv"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync("/api/statistics/assets.pdf"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync("/api/statistics?date=yesterday"), HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public void Csv_TextThatLooksLikeAFormula_IsDefused()
    {
        var table = new StatisticsTable("x", "x", "x", [new("名称", "Name"), new("数", "N")],
            [["=HYPERLINK(\"http://evil\",\"x\")", 1L], ["+1", 2L], ["@SUM(A1)", -3L], ["plain, with comma", 4.5]], []);

        var text = Encoding.UTF8.GetString(StatisticsExports.Csv(table)[3..]);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",1", text);
        Assert.Contains("'+1,2", text);
        Assert.Contains("'@SUM(A1),-3", text);
        Assert.Contains("\"plain, with comma\",4.5", text);
    }

    [Theory]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("engineer", HttpStatusCode.OK)]
    [InlineData("planner", HttpStatusCode.OK)]
    [InlineData("viewer", HttpStatusCode.OK)]
    [InlineData("crew", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Statistics_AreForEveryRoleButCrews(string? role, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await Fixture.Client(role).GetAsync("/api/statistics")).StatusCode);
        Assert.Equal(expected, (await Fixture.Client(role).GetAsync("/api/statistics/bridge-grades.csv")).StatusCode);
    }
}
