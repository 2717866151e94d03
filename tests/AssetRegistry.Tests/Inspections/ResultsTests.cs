using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>Open tasks for tests, made straight in the database, and the crew's result request.</summary>
internal static class TaskData
{
    /// <summary>An open task of <paramref name="inspectionType"/> for the asset, due today; returns its id (version 1).</summary>
    public static Task<long> OpenTaskAsync(RegistryFixture fixture, string collection, long assetId, string inspectionType, string checklist,
        bool confinedSpace = false) =>
        fixture.ScalarAsync<long>($"""
            insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status, confined_space,
                                          escalation, created_at, safety_confirmed, version)
            select id, $2, district, $3, $4, (now() at time zone 'Asia/Shanghai')::date, 100, 'open', $5, 'none', now(), false, 1 from "{collection}" where id = $1
            returning id
            """, assetId, collection, inspectionType, checklist, confinedSpace);

    public static Task<HttpResponseMessage> RecordAsync(this HttpClient client, long taskId, JsonNode answers, string? etag = "\"1\"") =>
        client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/tasks/{taskId}/result", answers, etag, "application/json");

    public static async Task<JsonObject> RecordOkAsync(this HttpClient client, long taskId, JsonNode answers, string etag = "\"1\"")
    {
        var response = await client.RecordAsync(taskId, answers, etag);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"record task {taskId}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>Crews record results: the asset's condition and grade change with history, defects open remediation
/// with deadlines, bridges D/E and missing covers alert at once, and every refusal writes nothing.</summary>
public sealed class ResultsTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<long> TreeAsync() =>
        (await Fixture.Client().CreateAsync("ancient_trees", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["species"] = "榕树", ["vigour"] = "normal" }))).Id;

    private async Task<long> ManholeAsync() =>
        (await Fixture.Client().CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }))).Id;

    private static JsonObject TreeAnswers(string vigour) => new()
    {
        ["vigour"] = vigour, ["pests"] = new JsonArray("longhorn_beetle"), ["lean_deg"] = 5, ["cavities"] = false, ["site_threats"] = new JsonArray(),
    };

    [Fact]
    public async Task RecordResult_ChangesTheAssetWithHistoryInOneGo()
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_health_check", "ancient_tree");
        var tilesBefore = await Fixture.ScalarAsync<long>("select version from collection_versions where collection = 'ancient_trees'");

        var recorded = await Fixture.Client("crew").RecordOkAsync(task, TreeAnswers("weak"));

        Assert.Equal("done", recorded["task"]!["status"]!.GetValue<string>());
        Assert.Equal(2, recorded["task"]!["version"]!.GetValue<int>());
        Assert.Equal("fair", await Fixture.ScalarAsync<string>("select condition from ancient_trees where id = $1", tree));
        Assert.Equal("weak", await Fixture.ScalarAsync<string>("select vigour from ancient_trees where id = $1", tree));
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from ancient_trees where id = $1", tree));
        Assert.Equal("t_crew", await Fixture.ScalarAsync<string>("select completed_by from inspection_tasks where id = $1", task));
        Assert.Equal("weak", await Fixture.ScalarAsync<string>("select result->'answers'->>'vigour' from inspection_tasks where id = $1", task));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("""
            select count(*) from asset_changes where asset_id = $1 and operation = 'inspection' and changed_by = 't_crew'
              and before->'properties'->>'condition' = 'unknown' and after->'properties'->>'condition' = 'fair'
            """, tree));
        Assert.Equal(tilesBefore + 1, await Fixture.ScalarAsync<long>("select version from collection_versions where collection = 'ancient_trees'"));
        // The longhorn beetles open a pest-control remediation task under the inspection.
        Assert.Equal("tree_pest", await Fixture.ScalarAsync<string>("select result->'findings'->0->>'severity' from inspection_tasks where id = $1", task));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where parent_task_id = $1 and inspection_type = 'remediation' and status = 'open' and due_by is not null", task));
    }

    [Fact]
    public async Task RecordResult_MissingCover_OpensEmergencyRemediationWithinHoursAndAlerts()
    {
        var manhole = await ManholeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");

        var recorded = await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["defects"] = new JsonArray("missing", "surround_damage") });

        Assert.Equal("critical", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));
        var remediation = recorded["remediationTaskId"]!.GetValue<long>();
        var hours = await Fixture.ScalarAsync<double>(
            "select (extract(epoch from r.due_by - p.completed_at) / 3600)::float8 from inspection_tasks r join inspection_tasks p on p.id = r.parent_task_id where r.id = $1", remediation);
        Assert.InRange(hours, 0.5, 4);
        Assert.Equal(1, await Fixture.ScalarAsync<int>("select priority from inspection_tasks where id = $1", remediation));
        Assert.Contains("缺失", await Fixture.ScalarAsync<string>("select description from inspection_tasks where id = $1", remediation));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>(
            "select count(*) from alerts where asset_id = $1 and task_id = $2 and kind = 'cover_missing' and acknowledged_at is null", manhole, task));

        var alerts = await (await Fixture.Client("admin").GetAsync("/api/alerts")).JsonAsync();
        var alert = Assert.Single(alerts["alerts"]!.AsArray());
        Assert.Equal("cover_missing", alert!["kind"]!.GetValue<string>());
        var ack = await Fixture.Client("engineer").PostAsync($"/api/alerts/{alert["id"]}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Empty((await (await Fixture.Client("admin").GetAsync("/api/alerts")).JsonAsync())["alerts"]!.AsArray());
        await AssertProblemAsync(await Fixture.Client("crew").GetAsync("/api/alerts"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Remediation_ResolvedForAMissingCover_MakesTheManholeGoodAgain_WithHistory()
    {
        var manhole = await ManholeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");
        var found = await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["defects"] = new JsonArray("missing") });
        Assert.Equal("critical", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));

        var remediation = found["remediationTaskId"]!.GetValue<long>();
        var done = await Fixture.Client("crew").RecordOkAsync(remediation, new JsonObject { ["resolved"] = true, ["action"] = "更换井盖" });

        Assert.Equal("done", done["task"]!["status"]!.GetValue<string>());
        Assert.Null(done["remediationTaskId"]);
        Assert.Equal("good", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));
        Assert.True(await Fixture.ScalarAsync<bool>("select (result->'computed'->>'condition_restored')::boolean from inspection_tasks where id = $1", remediation));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("""
            select count(*) from asset_changes where asset_id = $1 and operation = 'inspection' and changed_by = 't_crew'
              and before->'properties'->>'condition' = 'critical' and after->'properties'->>'condition' = 'good'
            """, manhole));
    }

    [Fact]
    public async Task Remediation_NotResolved_KeepsTheCondition()
    {
        var manhole = await ManholeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");
        var found = await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["defects"] = new JsonArray("missing") });
        await Fixture.Client("crew").RecordOkAsync(found["remediationTaskId"]!.GetValue<long>(),
            new JsonObject { ["resolved"] = false, ["action"] = "设置围挡，井盖待到货" });
        Assert.Equal("critical", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));
    }

    [Fact]
    public async Task Remediation_OfATreesPests_LeavesTheVigourGradeToTheNextHealthCheck()
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_health_check", "ancient_tree");
        await Fixture.Client("crew").RecordOkAsync(task, TreeAnswers("weak"));
        var remediation = await Fixture.ScalarAsync<long>("select id from inspection_tasks where parent_task_id = $1 and inspection_type = 'remediation'", task);
        await Fixture.Client("crew").RecordOkAsync(remediation, new JsonObject { ["resolved"] = true, ["action"] = "注药防治天牛" });
        Assert.Equal("fair", await Fixture.ScalarAsync<string>("select condition from ancient_trees where id = $1", tree));
        Assert.False(await Fixture.ScalarAsync<bool>("select (result->'computed'->>'condition_restored')::boolean from inspection_tasks where id = $1", remediation));
    }

    [Fact]
    public async Task RecordResult_IntactCover_IsGoodWithNoRemediationOrAlert()
    {
        var manhole = await ManholeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");
        var recorded = await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["defects"] = new JsonArray() });
        Assert.Null(recorded["remediationTaskId"]);
        Assert.Equal("good", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from alerts"));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks"));
    }

    [Fact]
    public async Task RecordResult_BridgeGradedD_EscalatesWithAlertSpecialInspectionAndRemediation()
    {
        var bridge = (await Fixture.Client().CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.001, Fengze.Lat)), new()
        {
            ["structure_type"] = "beam", ["span_count"] = 1, ["condition_grade"] = "B",
        }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "bridges", bridge, "periodic_inspection", "bridge_condition");
        // Every element of the deck, the span and both abutments at 40 points: BCI = BSI = 60 → D.
        var elements = new JsonArray();
        foreach (var e in new[] { "桥面铺装", "桥头平顺", "伸缩装置", "排水系统", "人行道", "栏杆护栏" })
            elements.Add(new JsonObject { ["unit"] = "deck", ["element"] = e, ["deductions"] = new JsonArray(40) });
        foreach (var e in new[] { "主梁", "横向联系" })
            elements.Add(new JsonObject { ["unit"] = "span", ["unit_index"] = 0, ["element"] = e, ["deductions"] = new JsonArray(40) });
        foreach (var i in new[] { 0, 1 })
            foreach (var e in new[] { "台帽", "台身", "基础", "支座" })
                elements.Add(new JsonObject { ["unit"] = "abutment", ["unit_index"] = i, ["element"] = e, ["deductions"] = new JsonArray(40) });

        var recorded = await Fixture.Client("engineer").RecordOkAsync(task, new JsonObject { ["elements"] = elements });

        Assert.Equal(60.0, recorded["task"]!["result"]!["computed"]!["bci"]!.GetValue<double>(), 2);
        Assert.Equal("D", recorded["task"]!["result"]!["computed"]!["grade"]!.GetValue<string>());
        Assert.Equal("D", await Fixture.ScalarAsync<string>("select condition_grade from bridges where id = $1", bridge));
        Assert.Equal(60.0, await Fixture.ScalarAsync<double>("select bci from bridges where id = $1", bridge), 2);
        Assert.Equal("poor", await Fixture.ScalarAsync<string>("select condition from bridges where id = $1", bridge));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from bridges where id = $1 and last_periodic_inspection is not null", bridge));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from alerts where asset_id = $1 and kind = 'bridge_grade_d'", bridge));
        var special = recorded["specialInspectionTaskId"]!.GetValue<long>();
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("""
            select count(*) from inspection_tasks t join inspection_rules r on r.id = t.rule_id
            where t.id = $1 and t.inspection_type = 'special_inspection' and t.status = 'open' and r.code = 'bridges.special_inspection.d_e'
            """, special));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where parent_task_id = $1 and inspection_type = 'remediation' and description like '%中修或大修%'", task));
    }

    [Fact]
    public async Task RecordResult_SewerCctv_StoresCjj181FiguresAndStructuralGrade_OnlyAfterSafety()
    {
        var c = Fixture.Client();
        var (x, y) = Fengze;
        var up = await c.CreateAsync("manholes", Feature(Point(x, y), new() { ["network"] = "sewage" }));
        var down = await c.CreateAsync("manholes", Feature(Point(x + 0.0004, y), new() { ["network"] = "sewage" }));
        var segment = (await c.CreateAsync("sewer_segments", Feature(Line((x, y), (x + 0.0004, y)), new()
        {
            ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage", ["diameter_mm"] = 800,
        }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "sewer_segments", segment, "cctv_survey", "sewer_cctv", confinedSpace: true);
        // DOMAIN.md §2.4 case A: F = 5 (Ⅲ), RI = 4.25 (Ⅲ), G = 5 (Ⅲ), MI = 5.05 (Ⅲ).
        var caseA = new JsonObject
        {
            ["area_importance"] = "trunk_road", ["soil"] = "ordinary",
            ["defects"] = new JsonArray(
                new JsonObject { ["code"] = "PL", ["grade"] = 3, ["position_m"] = 2, ["length_m"] = 0.5 },
                new JsonObject { ["code"] = "TJ", ["grade"] = 2, ["position_m"] = 10, ["length_m"] = 0.3 },
                new JsonObject { ["code"] = "FS", ["grade"] = 1, ["position_m"] = 20, ["length_m"] = 6 },
                new JsonObject { ["code"] = "CJ", ["grade"] = 2, ["position_m"] = 28, ["length_m"] = 8 },
                new JsonObject { ["code"] = "SG", ["grade"] = 3, ["position_m"] = 38, ["length_m"] = 0.2 }),
        };
        var crew = Fixture.Client("crew");

        var refused = await crew.RecordAsync(task, caseA);
        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "safety");
        Assert.Contains("gas test", (await refused.JsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));

        var failedGas = await crew.SendWithIfMatchAsync(HttpMethod.Post, $"/api/tasks/{task}/safety",
            new JsonObject { ["gas_test_passed"] = false, ["permit_number"] = "YX-001" }, "\"1\"", "application/json");
        await AssertProblemAsync(failedGas, HttpStatusCode.BadRequest, "gas_test_passed");
        var safety = await crew.SendWithIfMatchAsync(HttpMethod.Post, $"/api/tasks/{task}/safety",
            new JsonObject { ["gas_test_passed"] = true, ["permit_number"] = "YX-001", ["o2_pct"] = 20.9, ["h2s_ppm"] = 0 }, "\"1\"", "application/json");
        Assert.Equal(HttpStatusCode.OK, safety.StatusCode);
        Assert.Equal("\"2\"", safety.Headers.ETag!.ToString());

        var recorded = await crew.RecordOkAsync(task, caseA, "\"2\"");
        var computed = recorded["task"]!["result"]!["computed"]!;
        Assert.Equal(5.0, computed["f"]!.GetValue<double>(), 2);
        Assert.Equal(4.25, computed["ri"]!.GetValue<double>(), 2);
        Assert.Equal("III", computed["ri_grade"]!.GetValue<string>());
        Assert.Equal(5.0, computed["g"]!.GetValue<double>(), 2);
        Assert.Equal(5.05, computed["mi"]!.GetValue<double>(), 2);
        Assert.Equal("III", await Fixture.ScalarAsync<string>("select structural_grade from sewer_segments where id = $1", segment));
        Assert.Equal("poor", await Fixture.ScalarAsync<string>("select condition from sewer_segments where id = $1", segment));
        Assert.Equal("t_crew", await Fixture.ScalarAsync<string>("select result->'safety'->>'confirmed_by' from inspection_tasks where id = $1", task));
        Assert.Equal("4.25", await Fixture.ScalarAsync<string>("select result->'computed'->>'ri' from inspection_tasks where id = $1", task));
    }

    [Fact]
    public async Task RecordResult_StaleOrMissingVersion_Returns412Or428AndWritesNothing()
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_patrol", "ancient_tree");
        await Fixture.ScalarAsync<int>("update inspection_tasks set version = 2 where id = $1 returning 1", task);
        var crew = Fixture.Client("crew");
        await AssertProblemAsync(await crew.RecordAsync(task, TreeAnswers("dead"), "\"1\""), HttpStatusCode.PreconditionFailed);
        await AssertProblemAsync(await crew.RecordAsync(task, TreeAnswers("dead"), etag: null), (HttpStatusCode)428);
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
        Assert.Equal("unknown", await Fixture.ScalarAsync<string>("select condition from ancient_trees where id = $1", tree));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where operation = 'inspection'"));
        // The current version works, once: a done task takes no second result.
        await crew.RecordOkAsync(task, TreeAnswers("dead"), "\"2\"");
        await AssertProblemAsync(await crew.RecordAsync(task, TreeAnswers("dead"), "\"3\""), HttpStatusCode.Conflict, "status");
    }

    [Theory]
    [InlineData("colour", "colour")]
    [InlineData("vigour", "vigour")]
    [InlineData("pests", "pests[0]")]
    public async Task RecordResult_AnswerNotInTheChecklist_Returns400NamingTheField(string field, string expectedError)
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_patrol", "ancient_tree");
        var answers = TreeAnswers("normal");
        answers[field] = field switch { "colour" => "green", "vigour" => "thriving", _ => new JsonArray("locusts") };
        var response = await Fixture.Client("crew").RecordAsync(task, answers);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expectedError);
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
    }

    [Fact]
    public async Task RecordResult_SewerGradeTheDefectDoesNotHave_Returns400NamingTheItem()
    {
        var c = Fixture.Client();
        var (x, y) = Fengze;
        var up = await c.CreateAsync("manholes", Feature(Point(x, y), new() { ["network"] = "sewage" }));
        var down = await c.CreateAsync("manholes", Feature(Point(x + 0.0004, y), new() { ["network"] = "sewage" }));
        var segment = (await c.CreateAsync("sewer_segments", Feature(Line((x, y), (x + 0.0004, y)), new()
        {
            ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage", ["diameter_mm"] = 600,
        }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "sewer_segments", segment, "cctv_survey", "sewer_cctv");
        var response = await Fixture.Client("crew").RecordAsync(task, new JsonObject
        {
            ["area_importance"] = "other", ["soil"] = "ordinary",
            ["defects"] = new JsonArray(new JsonObject { ["code"] = "FS", ["grade"] = 4, ["position_m"] = 3 }),
        });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "defects[0].grade");
        Assert.Equal("none", await Fixture.ScalarAsync<string>("select coalesce(structural_grade, 'none') from sewer_segments where id = $1", segment));
    }

    [Fact]
    public async Task RecordResult_StreetlightLeakage_IsAnEmergencyWithinAnHourAndDatesTheTest()
    {
        var light = (await Fixture.Client().CreateAsync("streetlights", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["lamp_type"] = "led" }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "streetlights", light, "leakage_check", "streetlight_electrical");
        var recorded = await Fixture.Client("crew").RecordOkAsync(task, new JsonObject
        {
            ["lamp_out"] = true, ["pole_damage"] = false, ["leakage"] = true, ["door_missing"] = false,
            ["insulation_resistance_mohm"] = 0.2, ["grounding_ohm"] = 3.5, ["rcd_trip_ok"] = true,
        });
        Assert.Equal("streetlight_emergency", recorded["task"]!["result"]!["computed"]!["fault_class"]!.GetValue<string>());
        Assert.False(recorded["task"]!["result"]!["computed"]!["electrical_pass"]!.GetValue<bool>());
        Assert.Equal("critical", await Fixture.ScalarAsync<string>("select condition from streetlights where id = $1", light));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from streetlights where id = $1 and last_leakage_test is not null", light));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("""
            select count(*) from inspection_tasks r join inspection_tasks p on p.id = r.parent_task_id
            where r.id = $1 and r.due_by - p.completed_at = interval '1 hour'
            """, recorded["remediationTaskId"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData(10, 40.0, "good", 40.0)]
    [InlineData(60, 40.0, "critical", 60.0)]
    public async Task RecordResult_WaterloggingDepth_SetsConditionAndKeepsTheDeepest(double depth, double recordedMax, string condition, double expectedMax)
    {
        var point = (await Fixture.Client().CreateAsync("waterlogging_points", Feature(Point(Fengze.Lon, Fengze.Lat), new()
        {
            ["risk_level"] = "high", ["remediation_status"] = "open", ["max_depth_cm"] = recordedMax,
        }))).Id;
        var task = await TaskData.OpenTaskAsync(Fixture, "waterlogging_points", point, "pre_flood_survey", "waterlogging");
        await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["depth_cm"] = depth, ["duration_min"] = 45, ["cause"] = "blocked_inlets" });
        Assert.Equal(condition, await Fixture.ScalarAsync<string>("select condition from waterlogging_points where id = $1", point));
        Assert.Equal(expectedMax, await Fixture.ScalarAsync<double>("select max_depth_cm from waterlogging_points where id = $1", point));
    }

    [Fact]
    public async Task Crew_RecordsResultsButCannotPatchTheAsset()
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_patrol", "ancient_tree");
        var crew = Fixture.Client("crew");
        await crew.RecordOkAsync(task, TreeAnswers("normal"));
        var etag = (await crew.GetAsync($"/ogc/collections/ancient_trees/items/{tree}")).Headers.ETag!.ToString();
        var patch = await crew.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/ancient_trees/items/{tree}",
            new JsonObject { ["properties"] = new JsonObject { ["vigour"] = "dead" } }, etag, "application/merge-patch+json");
        await AssertProblemAsync(patch, HttpStatusCode.Forbidden);
        Assert.Equal("normal", await Fixture.ScalarAsync<string>("select vigour from ancient_trees where id = $1", tree));
    }

    [Theory]
    [InlineData("planner")]
    [InlineData("viewer")]
    public async Task ReadOnlyRoles_ReadTasksButRecordingReturns403(string role)
    {
        var tree = await TreeAsync();
        var task = await TaskData.OpenTaskAsync(Fixture, "ancient_trees", tree, "tree_patrol", "ancient_tree");
        var client = Fixture.Client(role);
        var read = await client.GetAsync($"/api/tasks/{task}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.ToString());
        Assert.Equal("ancient_tree", (await read.JsonAsync())["checklist"]!["id"]!.GetValue<string>());
        await AssertProblemAsync(await client.RecordAsync(task, TreeAnswers("weak")), HttpStatusCode.Forbidden);
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
    }
}
