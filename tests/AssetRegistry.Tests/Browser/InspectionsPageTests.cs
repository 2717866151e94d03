using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Inspections;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The inspections office page in headless Chromium against the real app and database: overdue work and cards per
/// district, rules edited by admins (field errors, stale edits) and read by engineers, alerts acknowledged, a
/// campaign drawn with the mouse, work lists built, and the polite page for other roles. Every test checks the
/// database.
/// </summary>
public sealed class InspectionsPageTests(RegistryFixture fixture, InspectionsPageFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<InspectionsPageFixture>
{
    private const string CoverPatrol = "manholes.cover_patrol";
    /// <summary>丰泽区, where <see cref="Features.Fengze"/> lies.</summary>
    private const string FengzeDistrict = "350503";

    private async Task<InspectionsPage> OpenAsync(IBrowserContext context, string section)
    {
        var page = new InspectionsPage(await context.NewPageAsync(), output);
        await page.OpenAsync(section);
        return page;
    }

    private async Task<long> ManholeAsync(double lon, double lat) =>
        (await Fixture.Client().CreateAsync("manholes", Feature(Point(lon, lat), new JsonObject { ["network"] = "rain" }))).Id;

    private async Task<(int Id, string ETag, JsonObject Rule)> RuleAsync(string code)
    {
        var admin = Fixture.Client("admin");
        var id = await Fixture.ScalarAsync<int>("select id from inspection_rules where code = $1", code);
        var response = await admin.GetAsync($"/api/inspection-rules/{id}");
        return (id, response.Headers.ETag!.ToString(), await response.JsonAsync());
    }

    private async Task CreateCrewAsync(string district)
    {
        var response = await Fixture.Client("admin").PostAsync("/api/crews", Body(new JsonObject
        {
            ["name"] = "丰泽一组", ["districts"] = new JsonArray(district), ["capacityPerDay"] = 40, ["members"] = new JsonArray("t_crew"),
        }, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OverdueSection_ShowsTheDistrictsCardsInTheTableAndOnTheMap()
    {
        var manhole = await ManholeAsync(Fengze.Lon, Fengze.Lat);
        var late = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");
        var later = await TaskData.OpenTaskAsync(Fixture, "manholes", await ManholeAsync(Fengze.Lon + 0.001, Fengze.Lat), "cover_patrol", "manhole_cover");
        await Fixture.ScalarAsync<int>("update inspection_tasks set due_date = (now() at time zone 'Asia/Shanghai')::date - 12, escalation = 'red' where id = $1 returning 1", late);
        await Fixture.ScalarAsync<int>("update inspection_tasks set due_date = (now() at time zone 'Asia/Shanghai')::date - 5, escalation = 'yellow' where id = $1 returning 1", later);
        await using var context = await browser.NewContextAsync("t_admin");
        var page = await OpenAsync(context, "overdue");

        var row = page.Page.Locator($"#summary-table tr[data-district='{FengzeDistrict}']");
        await Expect(row.Locator(".penalty-red")).ToHaveTextAsync("1");
        await Expect(row.Locator(".penalty-yellow")).ToHaveTextAsync("1");
        await Expect(row.Locator(".is-overdue")).ToHaveTextAsync("2");
        // Most urgent district first.
        await Expect(page.Page.Locator("#summary-table tbody tr").First).ToHaveAttributeAsync("data-district", FengzeDistrict);
        await Expect(page.Page.Locator("#overdue-map path.leaflet-interactive").First).ToBeVisibleAsync();
        await Expect(page.Page.Locator(".brand strong")).ToHaveTextAsync("巡查管理");
        await Expect(row.Locator(".district-name")).ToHaveTextAsync("丰泽区");
        await page.ScreenshotAsync("overdue");
        Assert.Equal(2L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where district = $1 and status = 'open' and due_date < (now() at time zone 'Asia/Shanghai')::date", FengzeDistrict));

        await page.Page.Locator("#lang-button").ClickAsync();
        await Expect(page.Page.Locator(".brand strong")).ToHaveTextAsync("Inspections office");
        await Expect(page.Page.Locator("#tab-overdue")).ToContainTextAsync("Overdue and cards");
        await Expect(row.Locator(".district-name")).ToHaveTextAsync("Fengze District");
    }

    [Fact]
    public async Task AdminEditsARuleInterval_FieldErrorBesideTheField_ThenTheDatabaseHasTheNewInterval()
    {
        await using var context = await browser.NewContextAsync("t_admin");
        var page = await OpenAsync(context, "rules");
        var p = page.Page;
        var row = p.Locator($"#rules-table tr[data-rule-code='{CoverPatrol}']");

        await row.Locator(".rule-edit").ClickAsync();
        await p.Locator("#rule-field-intervalDays").FillAsync("0");
        var refused = await SaveRuleAsync(p);
        Assert.Equal(400, refused.Status);
        await Expect(p.Locator("#rule-error-intervalDays")).ToBeVisibleAsync();
        await page.ScreenshotAsync("rule-field-error");
        Assert.Equal(30, await Fixture.ScalarAsync<int>("select interval_days from inspection_rules where code = $1", CoverPatrol));

        await p.Locator("#rule-field-intervalDays").FillAsync("45");
        var saved = await SaveRuleAsync(p);
        Assert.Equal(200, saved.Status);
        await Expect(p.Locator("#dialog")).ToBeHiddenAsync();
        await Expect(row.Locator(".rule-interval")).ToHaveTextAsync("45");
        await page.ScreenshotAsync("rules");
        Assert.Equal(45, await Fixture.ScalarAsync<int>("select interval_days from inspection_rules where code = $1", CoverPatrol));
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from inspection_rules where code = $1", CoverPatrol));
    }

    [Fact]
    public async Task StaleRuleEdit_ShowsBothVersions_WritesNothing_AndReloadsTheCurrentRule()
    {
        await using var context = await browser.NewContextAsync("t_admin");
        var page = await OpenAsync(context, "rules");
        var p = page.Page;
        await p.Locator($"#rules-table tr[data-rule-code='{CoverPatrol}'] .rule-edit").ClickAsync();
        await Expect(p.Locator("#rule-field-intervalDays")).ToHaveValueAsync("30");

        // Someone else changes the rule behind the page's back.
        var (id, etag, rule) = await RuleAsync(CoverPatrol);
        rule["intervalDays"] = 60;
        var behind = await Fixture.Client("admin").SendWithIfMatchAsync(HttpMethod.Put, $"/api/inspection-rules/{id}", rule, etag, "application/json");
        Assert.Equal(HttpStatusCode.OK, behind.StatusCode);

        await p.Locator("#rule-field-intervalDays").FillAsync("45");
        var refused = await SaveRuleAsync(p);
        Assert.Equal(412, refused.Status);
        var differs = p.Locator("#rule-conflict tr[data-field=intervalDays]");
        await Expect(differs.Locator(".conflict-mine")).ToHaveTextAsync("45");
        await Expect(differs.Locator(".conflict-current")).ToHaveTextAsync("60");
        await page.ScreenshotAsync("rule-conflict");
        Assert.Equal(60, await Fixture.ScalarAsync<int>("select interval_days from inspection_rules where id = $1", id));

        await p.Locator("#conflict-reload").ClickAsync();
        await Expect(p.Locator("#rule-field-intervalDays")).ToHaveValueAsync("60");
        await Expect(p.Locator($"#rules-table tr[data-rule-code='{CoverPatrol}'] .rule-interval")).ToHaveTextAsync("60");
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from inspection_rules where id = $1", id));
    }

    [Fact]
    public async Task MissingCoverAlert_AppearsWithItsAsset_AndAcknowledgingItStampsTheDatabase()
    {
        var manhole = await ManholeAsync(Fengze.Lon, Fengze.Lat);
        var task = await TaskData.OpenTaskAsync(Fixture, "manholes", manhole, "cover_patrol", "manhole_cover");
        await Fixture.Client("crew").RecordOkAsync(task, new JsonObject { ["defects"] = new JsonArray("missing") });
        var code = await Fixture.ScalarAsync<string>("select code from manholes where id = $1", manhole);
        var alertId = await Fixture.ScalarAsync<long>("select id from alerts where asset_id = $1 and kind = 'cover_missing'", manhole);
        await using var context = await browser.NewContextAsync("t_admin");
        var page = await OpenAsync(context, "alerts");
        var p = page.Page;

        var item = p.Locator($"#alert-list li[data-alert-id='{alertId}']");
        await Expect(item).ToContainTextAsync("井盖缺失");
        await Expect(item.Locator("a.asset-link")).ToHaveTextAsync(code);
        Assert.StartsWith("/#18/", await item.Locator("a.asset-link").GetAttributeAsync("href"));
        await Expect(p.Locator("#alert-badge")).ToHaveTextAsync("1");
        await page.ScreenshotAsync("alerts");

        await item.Locator("button").ClickAsync();
        await Expect(item).ToBeHiddenAsync();
        await Expect(p.Locator("#alert-badge")).ToBeHiddenAsync();
        await Expect(p.Locator("#alert-list")).ToContainTextAsync("没有未确认的告警");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>(
            "select count(*) from alerts where id = $1 and acknowledged_at is not null and acknowledged_by = 't_admin'", alertId));
    }

    [Fact]
    public async Task CampaignDrawnWithTheMouse_AroundTwoOfThreeManholes_CreatesTwoEmergencyTasks_ThenBuildsTheLists()
    {
        var (x, y) = Fengze;
        var inside1 = await ManholeAsync(x, y);
        var inside2 = await ManholeAsync(x + 0.0008, y + 0.0005);
        var outside = await ManholeAsync(x + 0.004, y);
        await CreateCrewAsync(FengzeDistrict);
        await using var context = await browser.NewContextAsync("t_admin");
        var page = await OpenAsync(context, "campaign");
        var p = page.Page;
        await page.CentreCampaignMapAsync(x + 0.002, y + 0.0003, 17);

        await p.Locator("#campaign-draw").ClickAsync();
        (double Lon, double Lat)[] corners = [(x - 0.0006, y - 0.0006), (x + 0.0016, y - 0.0006), (x + 0.0016, y + 0.0012), (x - 0.0006, y + 0.0012)];
        foreach (var (lon, lat) in corners)
        {
            var (px, py) = await page.CampaignPointAsync(lon, lat);
            await p.Mouse.ClickAsync(px, py);
        }
        var (fx, fy) = await page.CampaignPointAsync(corners[0].Lon, corners[0].Lat);
        await p.Mouse.ClickAsync(fx, fy);
        await Expect(p.Locator("#campaign-area-summary")).ToContainTextAsync("检查井·井盖 2");
        await p.Locator("label[for=campaign-reason-rainstorm]").ClickAsync();
        await p.Locator("#campaign-note").FillAsync("暴雨红色预警后 <b>复查</b>");
        await page.ScreenshotAsync("campaign-drawn");

        var created = await p.RunAndWaitForResponseAsync(() => p.Locator("#campaign-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/campaigns", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(201, created.Status);
        await Expect(p.Locator("#campaign-counts tr[data-collection=manholes] td.num")).ToHaveTextAsync("2");
        var campaign = await Fixture.ScalarAsync<long>("select id from campaigns where reason = 'rainstorm' and note = '暴雨红色预警后 <b>复查</b>'");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from campaigns"));
        var tasks = await Fixture.ScalarAsync<long[]>(
            "select array_agg(asset_id order by asset_id) from inspection_tasks where campaign_id = $1 and inspection_type = 'emergency_check'", campaign);
        Assert.Equal(new[] { inside1, inside2 }, tasks);
        Assert.DoesNotContain(outside, tasks);

        await p.Locator("#campaign-build").ClickAsync();
        await Expect(p.Locator("#campaign-result [data-figure=listsBuilt] .figure-value")).ToHaveTextAsync("1");
        await page.ScreenshotAsync("campaign-built");
        Assert.Equal(2L, await Fixture.ScalarAsync<long>(
            "select count(*) from inspection_tasks where campaign_id = $1 and work_list_id is not null", campaign));
        await p.Locator("#tab-lists").ClickAsync();
        await Expect(p.Locator("#lists-table tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Locator("#lists-table tbody tr").First).ToContainTextAsync("丰泽一组");
    }

    [Fact]
    public async Task BuildListsButton_BuildsTheDaysListsAndLinksTheirExports()
    {
        await TaskData.OpenTaskAsync(Fixture, "manholes", await ManholeAsync(Fengze.Lon, Fengze.Lat), "cover_patrol", "manhole_cover");
        await TaskData.OpenTaskAsync(Fixture, "manholes", await ManholeAsync(Fengze.Lon + 0.001, Fengze.Lat), "cover_patrol", "manhole_cover");
        await TaskData.OpenTaskAsync(Fixture, "manholes", await ManholeAsync(Features.Licheng.Lon, Features.Licheng.Lat), "cover_patrol", "manhole_cover");
        await CreateCrewAsync(FengzeDistrict);
        await using var context = await browser.NewContextAsync("t_engineer");
        var page = await OpenAsync(context, "lists");
        var p = page.Page;
        await Expect(p.Locator("#lists-status")).ToContainTextAsync("当日还没有工作单");

        await p.Locator("#lists-build").ClickAsync();
        var row = p.Locator("#lists-table tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(p.Locator("#lists-build-result [data-figure=tasksAssigned] .figure-value")).ToHaveTextAsync("2");
        await Expect(p.Locator("#lists-build-result [data-figure=uncovered] .figure-value")).ToHaveTextAsync("1");
        var listId = await Fixture.ScalarAsync<long>("select id from work_lists");
        await Expect(row.Locator("a[href$='.xlsx']")).ToHaveAttributeAsync("href", $"/api/work-lists/{listId}.xlsx");
        await Expect(row.Locator("a[href$='/print']")).ToHaveAttributeAsync("href", $"/work-lists/{listId}/print");
        await page.ScreenshotAsync("work-lists");
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where work_list_id = $1", listId));
    }

    [Fact]
    public async Task Engineer_SeesTheRulesReadOnly()
    {
        await using var context = await browser.NewContextAsync("t_engineer");
        var page = await OpenAsync(context, "rules");
        var p = page.Page;

        var rows = await Fixture.ScalarAsync<long>("select count(*) from inspection_rules");
        await Expect(p.Locator("#rules-table tbody tr")).ToHaveCountAsync((int)rows);
        await Expect(p.Locator($"#rules-table tr[data-rule-code='{CoverPatrol}'] .rule-interval")).ToHaveTextAsync("30");
        await Expect(p.Locator(".rule-edit")).ToHaveCountAsync(0);
        await Expect(p.Locator("#rules-intro")).ToContainTextAsync("仅管理员可修改");
        await page.ScreenshotAsync("rules-read-only");
        Assert.Equal(1, await Fixture.ScalarAsync<int>("select max(version) from inspection_rules"));
    }

    [Fact]
    public async Task Crew_GetsThePolitePageThatPointsToTheirList()
    {
        await using var context = await browser.NewContextAsync("t_crew");
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/inspections");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("此页面供巡查管理科室使用");
        await Expect(page.Locator("a[href='/crew']")).ToBeVisibleAsync();
        await Expect(page.Locator("strong")).ToHaveTextAsync("t_crew");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "inspections-crew-notice.png"),
        });
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from campaigns"));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var context = await browser.NewContextAsync(null);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inspections");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from alerts"));
    }

    [Fact]
    public async Task OnAPhone_EverySectionIsStacked()
    {
        await using var context = await browser.NewContextAsync("t_admin", width: 390, height: 844);
        var page = await OpenAsync(context, "overdue");
        var p = page.Page;

        await Expect(p.Locator(".tabs")).ToBeHiddenAsync();
        foreach (var section in new[] { "overdue", "alerts", "rules", "campaign", "lists" })
            await Expect(p.Locator($"#section-{section}")).ToBeVisibleAsync();
        await page.ScreenshotAsync("phone");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks"));
    }

    private static Task<IResponse> SaveRuleAsync(IPage page) =>
        page.RunAndWaitForResponseAsync(() => page.Locator("#rule-save").ClickAsync(),
            r => r.Url.Contains("/api/inspection-rules/", StringComparison.Ordinal) && r.Request.Method == "PUT");
}
