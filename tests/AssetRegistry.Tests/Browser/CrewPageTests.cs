using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// "My list today" at <c>/crew</c> in headless Chromium, as the test crew member t_crew on a phone: today's list
/// in route order on the map and in the list, a missing cover recorded into an emergency, the confined-space
/// safety step, a task changed behind the page's back, the phone layout, names shown as text, the English
/// switch, and who may open the page. Every test checks the database.
/// </summary>
public sealed class CrewPageTests(RegistryFixture fixture, CrewBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<CrewBrowserFixture>
{
    private const string FengzeDistrict = "350503";
    private static DateOnly Today => new InspectionOptions().Today(TimeProvider.System);

    // ---- data, through the API where there is one ----

    private async Task CrewWithTestMemberAsync()
    {
        var response = await Fixture.Client(Roles.Admin).PostAsync("/api/crews", Body(new JsonObject
        {
            ["name"] = "丰泽一班", ["districts"] = new JsonArray(FengzeDistrict), ["capacityPerDay"] = 40, ["members"] = new JsonArray("t_crew"),
        }, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Manholes about 55 m apart on a zigzag through 丰泽区, so the route differs from the code order.</summary>
    private async Task<List<long>> ManholesAsync(int count, string? name = null)
    {
        var client = Fixture.Client();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var properties = new JsonObject { ["network"] = "rain", ["condition"] = "good" };
            if (name is not null) properties["name"] = name;
            var lon = Features.Fengze.Lon + (i % 2 == 0 ? i : count - i) * 0.0005;
            var lat = Features.Fengze.Lat + (i % 3) * 0.0004;
            ids.Add((await client.CreateAsync("manholes", Feature(Point(lon, lat), properties))).Id);
        }
        return ids;
    }

    /// <summary>A sewer segment between two new manholes in 丰泽区.</summary>
    private async Task<long> SewerSegmentAsync()
    {
        var client = Fixture.Client();
        var (x, y) = (Features.Fengze.Lon + 0.003, Features.Fengze.Lat - 0.001);
        var up = await client.CreateAsync("manholes", Feature(Point(x, y), new JsonObject { ["network"] = "sewage" }));
        var down = await client.CreateAsync("manholes", Feature(Point(x + 0.0004, y), new JsonObject { ["network"] = "sewage" }));
        return (await client.CreateAsync("sewer_segments", Feature(Line((x, y), (x + 0.0004, y)), new JsonObject
        {
            ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage", ["diameter_mm"] = 800,
        }))).Id;
    }

    /// <summary>Open tasks due today for the assets, straight into the table as the scheduler would make them.</summary>
    private Task<long[]> OpenTasksAsync(string table, IEnumerable<long> assetIds, string inspectionType, string checklist,
        bool confinedSpace = false, string card = EscalationCards.None) =>
        Fixture.ScalarAsync<long[]>($"""
            with i as (
                insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                                              confined_space, escalation, created_at, safety_confirmed, version)
                select a.id, '{table}', a.district, $2, $3, $4, 100, 'open', $5, $6, now(), false, 1
                from "{table}" a where a.id = any($1) returning id)
            select array_agg(id order by id) from i
            """, assetIds.ToArray(), inspectionType, checklist, Today, confinedSpace, card);

    private Task<long[]> CoverPatrolsAsync(IEnumerable<long> manholes, string card = EscalationCards.None) =>
        OpenTasksAsync("manholes", manholes, InspectionTypes.CoverPatrol, Checklists.ManholeCover, card: card);

    /// <summary>Builds today's lists through the API and returns the test crew member's list as the API shows it.</summary>
    private async Task<JsonObject> BuildMyListAsync()
    {
        var build = await Fixture.Client(Roles.Engineer).PostAsync($"/api/work-lists/build?date={Today:yyyy-MM-dd}", null);
        Assert.True(build.StatusCode == HttpStatusCode.OK, await build.Content.ReadAsStringAsync());
        var crew = Fixture.Client(Roles.Crew);
        var mine = await (await crew.GetAsync("/api/work-lists/mine")).JsonAsync();
        var id = Assert.Single(mine["lists"]!.AsArray())!["id"]!.GetValue<long>();
        return await (await crew.GetAsync($"/api/work-lists/{id}")).JsonAsync();
    }

    private static List<long> StopTaskIds(JsonObject list) =>
        list["stops"]!.AsArray().Select(s => s!["taskId"]!.GetValue<long>()).ToList();

    // ---- the page ----

    /// <summary>What the pages' consoles said, to check that the Content-Security-Policy refused nothing.</summary>
    private readonly List<string> _console = [];

    private async Task<IPage> OpenCrewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            lock (_console) _console.Add(message.Text);
            Log($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => Log($"page error: {error}");
        await page.GotoAsync("/crew");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; its output is closed.
        }
    }

    private static ILocator StopRow(IPage page, long taskId) => page.Locator($"#stops li[data-task-id='{taskId}']");

    private static async Task OpenStopAsync(IPage page, long taskId)
    {
        await StopRow(page, taskId).Locator("button").ClickAsync();
        await page.WaitForSelectorAsync($"#task-sheet[data-task-id='{taskId}'][data-ready=true]");
    }

    private static Task<IResponse> SubmitResultAsync(IPage page) =>
        page.RunAndWaitForResponseAsync(() => page.Locator("#submit-result").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/result", StringComparison.Ordinal));

    private void AssertNothingRefusedByThePolicy()
    {
        lock (_console) Assert.DoesNotContain(_console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Waits until a smooth scroll has come to rest (the position holds over several frames).</summary>
    private static Task WaitForScrollToSettleAsync(IPage page) =>
        page.WaitForFunctionAsync("""
            () => new Promise(resolve => {
              let last = -1, still = 0;
              const frame = () => {
                still = window.scrollY === last ? still + 1 : 0;
                last = window.scrollY;
                if (still >= 5) resolve(true); else requestAnimationFrame(frame);
              };
              requestAnimationFrame(frame);
            })
            """);

    private static Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    // ---- the tests ----

    [Fact]
    public async Task MyList_ShowsTheNumberedStopsInRouteOrder_OnTheMapAndInTheList()
    {
        await CrewWithTestMemberAsync();
        var manholes = await ManholesAsync(6);
        var tasks = await CoverPatrolsAsync(manholes.Take(5));
        var redCard = (await CoverPatrolsAsync([manholes[5]], EscalationCards.Red)).Single();
        var list = await BuildMyListAsync();
        var routeOrder = StopTaskIds(list);
        await using var context = await browser.NewContextAsync();
        var page = await OpenCrewPageAsync(context);

        var rows = page.Locator("#stops li");
        await Expect(rows).ToHaveCountAsync(6);
        Assert.Equal(routeOrder, (await rows.EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.taskId))")).ToList());
        Assert.Equal(Enumerable.Range(1, 6).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            await page.Locator("#stops .stop-number").AllTextContentsAsync());
        Assert.Equal(Enumerable.Range(1, 6).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            await page.Locator(".leaflet-marker-pane .stop-pin-number").AllTextContentsAsync());
        await Expect(page.Locator(".leaflet-overlay-pane path")).Not.ToHaveCountAsync(0);
        // The first stop is the one to go to; the red card shows on its stop.
        await Expect(StopRow(page, routeOrder[0])).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stop-current"));
        await Expect(StopRow(page, redCard).Locator(".badge-red")).ToHaveTextAsync("红牌督办");
        await Expect(StopRow(page, routeOrder[0]).Locator(".stop-kind")).ToContainTextAsync("井盖巡查");
        var metres = list["routeLengthM"]!.GetValue<double>();
        await Expect(page.Locator("#route-length")).ToHaveTextAsync(metres < 1000
            ? $"{Math.Round(metres, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} m"
            : $"{(metres / 1000).ToString("0.0", CultureInfo.InvariantCulture)} km");
        var listId = list["id"]!.GetValue<long>();
        await Expect(page.Locator("#export-xlsx")).ToHaveAttributeAsync("href", $"/api/work-lists/{listId}.xlsx");
        await Expect(page.Locator("#export-geojson")).ToHaveAttributeAsync("href", $"/api/work-lists/{listId}.geojson");
        await Expect(page.Locator("#export-print")).ToHaveAttributeAsync("href", $"/work-lists/{listId}/print");
        var xlsx = await context.APIRequest.GetAsync($"/api/work-lists/{listId}.xlsx");
        Assert.Equal(200, xlsx.Status);
        Assert.StartsWith("application/vnd.openxmlformats", xlsx.Headers["content-type"]);
        await ScreenshotAsync(page, "crew-list", fullPage: true);

        // On a desktop screen the stops sit beside a tall map and a stop's checklist opens as a drawer.
        await using var desktop = await browser.NewContextAsync(width: 1366, height: 820);
        var wide = await OpenCrewPageAsync(desktop);
        await Expect(wide.Locator(".leaflet-marker-pane .stop-pin-number")).ToHaveCountAsync(6);
        await ScreenshotAsync(wide, "crew-desktop");
        await OpenStopAsync(wide, routeOrder[1]);
        await ScreenshotAsync(wide, "crew-desktop-form");
        AssertNothingRefusedByThePolicy();

        Assert.Equal(routeOrder, (await Fixture.ScalarAsync<long[]>(
            "select array_agg(id order by stop_number) from inspection_tasks where work_list_id = $1", listId)).ToList());
        Assert.Equal(tasks.Append(redCard).Order(), routeOrder.Order());
    }

    [Fact]
    public async Task RecordMissingCover_ClosesTheTask_MakesTheCoverCritical_AndOpensAnEmergencyWithAnAlert()
    {
        await CrewWithTestMemberAsync();
        var manholes = await ManholesAsync(3);
        await CoverPatrolsAsync(manholes);
        var routeOrder = StopTaskIds(await BuildMyListAsync());
        var (first, second) = (routeOrder[0], routeOrder[1]);
        var manhole = await Fixture.ScalarAsync<long>("select asset_id from inspection_tasks where id = $1", first);
        await using var context = await browser.NewContextAsync();
        var page = await OpenCrewPageAsync(context);

        await OpenStopAsync(page, first);
        await page.Locator("#task-sheet [data-field=defects] label[data-code=missing]").ClickAsync();
        // A level difference beyond the checklist's range is refused by the server and shown beside its field.
        await page.Locator("#task-sheet [data-field=level_difference_mm] input").FillAsync("900");
        Assert.Equal(400, (await SubmitResultAsync(page)).Status);
        await Expect(page.Locator("#task-sheet [data-field=level_difference_mm] .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#form-error")).ToBeVisibleAsync();
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", first));

        await page.Locator("#task-sheet [data-field=level_difference_mm] input").FillAsync("15");
        await ScreenshotAsync(page, "crew-cover-form");
        Assert.Equal(200, (await SubmitResultAsync(page)).Status);

        await Expect(page.Locator("#task-sheet")).ToBeHiddenAsync();
        await Expect(StopRow(page, first)).ToHaveAttributeAsync("data-status", "done");
        await Expect(StopRow(page, first).Locator(".stop-number")).ToHaveTextAsync("✓");
        await Expect(StopRow(page, second)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stop-current"));
        await Expect(page.Locator("#result-banner")).ToContainTextAsync("已生成整改任务");
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("1 / 3");
        await WaitForScrollToSettleAsync(page);
        await ScreenshotAsync(page, "crew-cover-recorded");
        AssertNothingRefusedByThePolicy();

        Assert.Equal("done", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", first));
        Assert.Equal("t_crew", await Fixture.ScalarAsync<string>("select completed_by from inspection_tasks where id = $1", first));
        Assert.Equal("critical", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", manhole));
        var hours = await Fixture.ScalarAsync<double>("""
            select (extract(epoch from r.due_by - p.completed_at) / 3600)::float8
            from inspection_tasks r join inspection_tasks p on p.id = r.parent_task_id
            where p.id = $1 and r.inspection_type = 'remediation' and r.status = 'open'
            """, first);
        Assert.InRange(hours, 0.1, 4);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>(
            "select count(*) from alerts where asset_id = $1 and task_id = $2 and kind = 'cover_missing'", manhole, first));
        Assert.Equal(15.0, await Fixture.ScalarAsync<double>(
            "select (result->'answers'->>'level_difference_mm')::float8 from inspection_tasks where id = $1", first));
    }

    [Fact]
    public async Task ConfinedSpaceSewer_TakesNoResultBeforeTheGasTestAndPermit_ThenRecords()
    {
        await CrewWithTestMemberAsync();
        var segment = await SewerSegmentAsync();
        var task = (await OpenTasksAsync("sewer_segments", [segment], InspectionTypes.CctvSurvey, Checklists.SewerCctv, confinedSpace: true)).Single();
        await BuildMyListAsync();
        await using var context = await browser.NewContextAsync();
        var page = await OpenCrewPageAsync(context);
        await Expect(StopRow(page, task).Locator(".badge-confined")).ToHaveTextAsync("有限空间作业");

        await OpenStopAsync(page, task);
        await Expect(page.Locator("#submit-result")).ToBeDisabledAsync();
        await Expect(page.Locator("#task-sheet [data-field=soil] select")).ToBeDisabledAsync();
        await Expect(page.Locator("#task-sheet [data-field=defects] .add-item")).ToBeDisabledAsync();
        await Expect(page.Locator("#safety")).ToContainTextAsync("气体检测");
        // Confirming without a permit, then without a passed gas test, is refused beside those fields.
        var withoutPermit = await page.RunAndWaitForResponseAsync(() => page.Locator("#confirm-safety").ClickAsync(),
            r => r.Url.EndsWith("/safety", StringComparison.Ordinal));
        Assert.Equal(400, withoutPermit.Status);
        await Expect(page.Locator("#safety [data-field=permit_number] .field-error")).ToBeVisibleAsync();
        await page.Locator("#safety [data-field=permit_number] input").FillAsync("YX-2024-017");
        await page.Locator("#safety [data-field=o2_pct] input").FillAsync("20.9");
        var gasNotPassed = await page.RunAndWaitForResponseAsync(() => page.Locator("#confirm-safety").ClickAsync(),
            r => r.Url.EndsWith("/safety", StringComparison.Ordinal));
        Assert.Equal(400, gasNotPassed.Status);
        await Expect(page.Locator("#safety [data-field=gas_test_passed] .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#safety [data-field=permit_number] .field-error")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "crew-confined-locked");
        Assert.False(await Fixture.ScalarAsync<bool>("select safety_confirmed from inspection_tasks where id = $1", task));

        await page.Locator("#safety [data-field=gas_test_passed] label.switch").ClickAsync();
        var confirmed = await page.RunAndWaitForResponseAsync(() => page.Locator("#confirm-safety").ClickAsync(),
            r => r.Url.EndsWith("/safety", StringComparison.Ordinal));
        Assert.Equal(200, confirmed.Status);
        await Expect(page.Locator("#safety.safety-confirmed")).ToContainTextAsync("t_crew");
        await Expect(page.Locator("#submit-result")).ToBeEnabledAsync();
        Assert.True(await Fixture.ScalarAsync<bool>("select safety_confirmed from inspection_tasks where id = $1", task));
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));

        // DOMAIN.md §2.4 case A's first defect: a grade 3 rupture two metres in.
        var sheet = page.Locator("#task-sheet");
        await sheet.Locator("[data-field=area_importance] label[data-code=trunk_road]").ClickAsync();
        await sheet.Locator("[data-field=soil] select").SelectOptionAsync("ordinary");
        await sheet.Locator("[data-field=defects] .add-item").ClickAsync();
        var defect = sheet.Locator("[data-field=defects] .item-card").First;
        await defect.Locator("[data-field=code] select").SelectOptionAsync("PL");
        await defect.Locator("[data-field=grade] input").FillAsync("3");
        await defect.Locator("[data-field=position_m] input").FillAsync("2");
        await defect.Locator("[data-field=length_m] input").FillAsync("0.5");
        await ScreenshotAsync(page, "crew-confined-form");
        Assert.Equal(200, (await SubmitResultAsync(page)).Status);

        await Expect(StopRow(page, task)).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.Locator("#all-done")).ToBeVisibleAsync();
        Assert.Equal("done", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
        Assert.Equal("YX-2024-017", await Fixture.ScalarAsync<string>("select result->'safety'->>'permit_number' from inspection_tasks where id = $1", task));
        Assert.Equal("PL", await Fixture.ScalarAsync<string>("select result->'answers'->'defects'->0->>'code' from inspection_tasks where id = $1", task));
        Assert.NotNull(await Fixture.ScalarAsync<string>("select structural_grade from sewer_segments where id = $1", segment));
    }

    [Fact]
    public async Task TaskChangedBehindThePage_IsRefusedAndReloadedWithAMessage()
    {
        await CrewWithTestMemberAsync();
        var manholes = await ManholesAsync(2);
        await CoverPatrolsAsync(manholes);
        var task = StopTaskIds(await BuildMyListAsync())[0];
        await using var context = await browser.NewContextAsync();
        var page = await OpenCrewPageAsync(context);
        await OpenStopAsync(page, task);

        // A colleague records the same stop (nothing wrong) while the page is open.
        var colleague = Fixture.Client(Roles.Engineer);
        var etag = (await colleague.GetAsync($"/api/tasks/{task}")).Headers.ETag!.ToString();
        var other = await colleague.SendWithIfMatchAsync(HttpMethod.Post, $"/api/tasks/{task}/result",
            new JsonObject { ["defects"] = new JsonArray() }, etag, "application/json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await page.Locator("#task-sheet [data-field=defects] label[data-code=broken]").ClickAsync();
        Assert.Equal(412, (await SubmitResultAsync(page)).Status);
        await Expect(page.Locator("#task-notice")).ToContainTextAsync("已被他人修改");
        await Expect(page.Locator("#task-sheet .done-summary")).ToContainTextAsync("t_engineer");
        await Expect(page.Locator("#sheet-footer")).ToBeHiddenAsync();
        await Expect(StopRow(page, task)).ToHaveAttributeAsync("data-status", "done");
        await ScreenshotAsync(page, "crew-stale");

        Assert.Equal("t_engineer", await Fixture.ScalarAsync<string>("select completed_by from inspection_tasks where id = $1", task));
        Assert.Equal(0, await Fixture.ScalarAsync<int>("select jsonb_array_length(result->'answers'->'defects') from inspection_tasks where id = $1", task));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where parent_task_id = $1", task));
    }

    [Fact]
    public async Task PhoneScreen_FitsTheListAndShowsTheChecklistFullScreen()
    {
        await CrewWithTestMemberAsync();
        var manholes = await ManholesAsync(4, name: "泉秀路与田安路交叉口东北角检查井");
        await CoverPatrolsAsync(manholes.Take(3));
        await OpenTasksAsync("manholes", [manholes[3]], InspectionTypes.CoverPatrol, Checklists.ManholeCover, card: EscalationCards.Yellow);
        var task = StopTaskIds(await BuildMyListAsync())[0];
        await using var context = await browser.NewContextAsync(width: 390, height: 844);
        var page = await OpenCrewPageAsync(context);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await Expect(page.Locator("#route-map")).ToBeInViewportAsync();
        var heights = await page.Locator("#stops .stop-button, .topbar .button, #export-links .button")
            .EvaluateAllAsync<double[]>("nodes => nodes.map(n => n.getBoundingClientRect().height)");
        Assert.All(heights, h => Assert.True(h >= 44, $"a control is {h} px high"));
        await ScreenshotAsync(page, "crew-phone-list");
        await ScreenshotAsync(page, "crew-phone-list-full", fullPage: true);

        await OpenStopAsync(page, task);
        var sheet = await page.Locator("#task-sheet").BoundingBoxAsync();
        Assert.NotNull(sheet);
        Assert.Equal(390, sheet.Width, 1);
        Assert.Equal(844, sheet.Height, 1);
        await Expect(page.Locator("#submit-result")).ToBeInViewportAsync();
        var chip = await page.Locator("#task-sheet [data-field=defects] label.chip").First.BoundingBoxAsync();
        Assert.True(chip!.Height >= 44, $"a defect chip is {chip.Height} px high");
        await ScreenshotAsync(page, "crew-phone-form");

        await page.Locator("#sheet-back").ClickAsync();
        await Expect(page.Locator("#task-sheet")).ToBeHiddenAsync();
        Assert.Equal(4L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where status = 'open' and work_list_id is not null"));
    }

    [Fact]
    public async Task ScriptInAName_IsShownAsTextAndNeverRuns()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        await CrewWithTestMemberAsync();
        var manholes = await ManholesAsync(2, name: hostile);
        await CoverPatrolsAsync(manholes);
        var task = StopTaskIds(await BuildMyListAsync())[0];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync("/crew");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        await Expect(StopRow(page, task).Locator(".stop-name")).ToHaveTextAsync(hostile);
        await OpenStopAsync(page, task);
        await Expect(page.Locator("#task-sheet .sheet-name")).ToHaveTextAsync(hostile);
        await ScreenshotAsync(page, "crew-script-name");

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("#stops img, #task-sheet img, .leaflet-marker-pane img").CountAsync());
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from manholes where name = $1", hostile));
    }

    [Fact]
    public async Task SwitchToEnglish_TranslatesTheListAndTheChecklist_AndTheChoiceIsKept()
    {
        await CrewWithTestMemberAsync();
        await CoverPatrolsAsync(await ManholesAsync(2));
        var task = StopTaskIds(await BuildMyListAsync())[0];
        await using var context = await browser.NewContextAsync();
        var page = await OpenCrewPageAsync(context);
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("今日巡查");
        await Expect(page.Locator("#summary .summary-district")).ToHaveTextAsync("丰泽区");

        await page.Locator("#lang-button").ClickAsync();

        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("My list today");
        await Expect(page.Locator("#summary .summary-district")).ToHaveTextAsync("Fengze District");
        await Expect(StopRow(page, task).Locator(".stop-kind")).ToContainTextAsync("Cover patrol");
        await OpenStopAsync(page, task);
        await Expect(page.Locator("#task-sheet [data-field=defects] label[data-code=missing]")).ToHaveTextAsync("Missing");
        await Expect(page.Locator("#submit-result")).ToHaveTextAsync("Submit result");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("My list today");
        await ScreenshotAsync(page, "crew-english");
        Assert.Equal("open", await Fixture.ScalarAsync<string>("select status from inspection_tasks where id = $1", task));
    }

    [Fact]
    public async Task CrewPage_IsForRecordingRoles_OthersGetAPolitePage_AndStrangersTheLogin()
    {
        await CrewWithTestMemberAsync();

        var anonymous = await Fixture.Client(null).GetAsync("/crew");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.IsAbsoluteUri ? anonymous.Headers.Location.PathAndQuery : anonymous.Headers.Location.OriginalString);

        var crew = await Fixture.Client(Roles.Crew).GetAsync("/crew");
        Assert.Equal(HttpStatusCode.OK, crew.StatusCode);
        Assert.Contains("script-src 'self'", crew.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains(">t_crew</span>", await crew.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Fixture.Client(Roles.Engineer).GetAsync("/crew")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Fixture.Client(Roles.Admin).GetAsync("/crew")).StatusCode);

        foreach (var role in new[] { Roles.Planner, Roles.Viewer })
        {
            var other = await Fixture.Client(role).GetAsync("/crew");
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            var html = await other.Content.ReadAsStringAsync();
            Assert.Contains("此页面供巡查班组使用", html);
            Assert.Contains($"t_{role}", html);
        }
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from crews where 't_crew' = any(members)"));
    }
}
