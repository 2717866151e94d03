using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using static AssetRegistry.Tests.Infrastructure.Features;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The map page in headless Chromium against the real app and database: sign-in, layers, adding, moving,
/// editing, conflicts, deleting, names shown as text, and the English switch. Every test checks the database.
/// </summary>
public sealed class MapPageTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    private const int EditingZoom = 18;

    private async Task<(long Id, string ETag)> SeedManholeAsync(double lon, double lat, string? name = null, double depth = 2.0)
    {
        var properties = new JsonObject { ["network"] = "rain", ["depth_m"] = depth, ["condition"] = "good" };
        if (name is not null) properties["name"] = name;
        var (id, etag, _) = await Fixture.Client().CreateAsync("manholes", Feature(Point(lon, lat), properties));
        return (id, etag);
    }

    private async Task<MapPage> OpenMapAsync(IBrowserContext context, int zoom, double lon, double lat, string query = "")
    {
        var page = new MapPage(await context.NewPageAsync(), output);
        await page.OpenAsync(zoom, lon, lat, query);
        return page;
    }

    [Fact]
    public async Task SignIn_ThenTheMapDrawsTheSeededAssets()
    {
        var (manholeId, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        var (bridgeId, _, _) = await Fixture.Client().CreateAsync("bridges", Feature(
            Line((Fengze.Lon - 0.002, Fengze.Lat + 0.001), (Fengze.Lon + 0.002, Fengze.Lat + 0.001)),
            new JsonObject { ["structure_type"] = "arch", ["condition_grade"] = "D", ["name"] = "测试桥" }));
        await using var context = await browser.NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();

        await MapBrowserFixture.SignInAsync(page, "t_engineer");
        var map = new MapPage(page, output);
        await map.OpenAsync(16, Fengze.Lon, Fengze.Lat);

        await map.WaitForRenderedAsync("manholes", manholeId);
        await map.WaitForRenderedAsync("bridges", bridgeId);
        await Expect(page.Locator(".brand strong")).ToHaveTextAsync("泉州市市政设施资产登记");
        await Expect(page.Locator("#legend")).ToContainTextAsync("桥梁完好状态等级");
        await Expect(page.Locator(".leaflet-control-scale")).ToBeVisibleAsync();
        await map.ScreenshotAsync("map-layers");
        Assert.Equal(2L, await Fixture.ScalarAsync<long>(
            "select (select count(*) from manholes where id = $1) + (select count(*) from bridges where id = $2)", manholeId, bridgeId));
    }

    [Fact]
    public async Task AddManhole_ByClickingOnTheMapAndFillingTheForm_StoresIt()
    {
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);
        var page = map.Page;

        await page.Locator("#add-button").ClickAsync();
        await page.Locator("#dialog button[data-choice=manholes]").ClickAsync();
        await Expect(page.Locator("#hint-bar")).ToBeVisibleAsync();
        var target = await map.PointOfAsync(Fengze.Lon, Fengze.Lat);
        await page.Mouse.ClickAsync(target.X, target.Y);
        await page.Locator("#field-network").SelectOptionAsync("sewage");
        await page.Locator("#field-name").FillAsync("新增井 1 号");
        await page.Locator("#field-depth_m").FillAsync("3.5");
        var response = await map.SaveAsync("POST");

        Assert.Equal(201, response.Status);
        await Expect(page.Locator("#panel .panel-code")).ToContainTextAsync("MH-");
        await map.ScreenshotAsync("map-add-manhole");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes where name = '新增井 1 号' and network = 'sewage' and depth_m = 3.5"));
        var metresAway = await Fixture.ScalarAsync<double>(
            "select ST_Distance(geometry::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) from manholes", Fengze.Lon, Fengze.Lat);
        Assert.True(metresAway < 1.0, $"the manhole is {metresAway:0.00} m from where it was clicked");
    }

    [Fact]
    public async Task MoveManhole_ByDraggingAndSaving_ChangesTheStoredGeometry()
    {
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);

        await map.OpenAssetAsync("manholes", id);
        var from = await map.PointOfAsync("manholes", id);
        await map.DragAsync(from, (from.X + 60, from.Y + 40));
        await Expect(map.Page.Locator(".geometry-note.geometry-dirty")).ToBeVisibleAsync();
        var response = await map.SaveAsync("PATCH");

        Assert.Equal(200, response.Status);
        var moved = await Fixture.ScalarAsync<double>(
            "select ST_Distance(geometry::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) from manholes where id = $1", id, Fengze.Lon, Fengze.Lat);
        Assert.True(moved > 5, $"the manhole moved only {moved:0.00} m");
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from manholes where id = $1", id));
        await map.WaitForRenderedAsync("manholes", id);
        await map.ScreenshotAsync("map-move-manhole");
    }

    [Fact]
    public async Task EditAttribute_ShowsTheFieldErrorThenSavesTheCorrectedValue()
    {
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat, depth: 2.0);
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);
        var page = map.Page;

        await map.OpenAssetAsync("manholes", id);
        await page.Locator("#field-depth_m").FillAsync("80");
        var refused = await map.SaveAsync("PATCH");
        Assert.Equal(400, refused.Status);
        await Expect(page.Locator("#error-depth_m")).ToBeVisibleAsync();
        await map.ScreenshotAsync("map-field-error");
        Assert.Equal(2.0, await Fixture.ScalarAsync<double>("select depth_m from manholes where id = $1", id));

        await page.Locator("#field-depth_m").FillAsync("4.25");
        await page.Locator("#field-condition").SelectOptionAsync("poor");
        var saved = await map.SaveAsync("PATCH");

        Assert.Equal(200, saved.Status);
        await Expect(page.Locator("#error-depth_m")).ToBeHiddenAsync();
        Assert.Equal(4.25, await Fixture.ScalarAsync<double>("select depth_m from manholes where id = $1", id));
        Assert.Equal("poor", await Fixture.ScalarAsync<string>("select condition from manholes where id = $1", id));
    }

    [Fact]
    public async Task SewerEditThatReversesTheSlope_IsSaved_AndItsWarningStaysAboveTheForm()
    {
        var (up, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        var (down, _) = await SeedManholeAsync(Fengze.Lon + 0.0005, Fengze.Lat);
        var (id, _, _) = await Fixture.Client().CreateAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat)),
            new JsonObject
            {
                ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage",
                ["upstream_invert_m"] = 4.0, ["downstream_invert_m"] = 3.9,
            }));
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon + 0.00025, Fengze.Lat);
        var page = map.Page;
        await map.WaitForRenderedAsync("sewer_segments", id);
        var (x, y) = await map.PointOfAsync(Fengze.Lon + 0.00025, Fengze.Lat); // the middle of the segment
        await page.Mouse.ClickAsync(x, y);
        await page.Locator("#panel .asset-form").WaitForAsync();

        await page.Locator("#field-downstream_invert_m").FillAsync("4.3");
        var saved = await map.SaveAsync("PATCH");

        Assert.Equal(200, saved.Status);
        Assert.Equal(4.3, await Fixture.ScalarAsync<double>("select downstream_invert_m from sewer_segments where id = $1", id));
        var warning = page.Locator("#panel .write-warnings li[data-field='downstream_invert_m']");
        await Expect(warning).ToContainTextAsync("终点管底高程");
        await Expect(warning).ToContainTextAsync("管段坡向反了");
        await Expect(warning).ToBeInViewportAsync(); // scrolled to, though the edited field was further down
        await Expect(page.Locator("#toast")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("toast-warning"));
        await map.ScreenshotAsync("map-write-warning");
    }

    [Fact]
    public async Task StaleEdit_ShowsBothVersions_AndWritesNothingUntilTheUserChooses()
    {
        var (id, etag) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat, name: "原名");
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);
        var page = map.Page;
        await map.OpenAssetAsync("manholes", id);

        // Another user renames it behind the page's back.
        var other = await Fixture.Client("admin").SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/manholes/items/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["name"] = "他人改名" } }, etag, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await page.Locator("#field-name").FillAsync("我的改名");
        var stale = await map.SaveAsync("PATCH");
        Assert.Equal(412, stale.Status);
        var dialog = page.Locator("#dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("tr[data-property=name] .conflict-mine")).ToHaveTextAsync("我的改名");
        await Expect(dialog.Locator("tr[data-property=name] .conflict-current")).ToHaveTextAsync("他人改名");
        await Expect(dialog).ToContainTextAsync("t_admin");
        await map.ScreenshotAsync("map-conflict");
        Assert.Equal("他人改名", await Fixture.ScalarAsync<string>("select name from manholes where id = $1", id));

        await page.RunAndWaitForResponseAsync(() => dialog.Locator("button[data-choice=reapply]").ClickAsync(),
            r => r.Request.Method == "PATCH" && r.Status == 200);
        Assert.Equal("我的改名", await Fixture.ScalarAsync<string>("select name from manholes where id = $1", id));
        Assert.Equal(3, await Fixture.ScalarAsync<int>("select version from manholes where id = $1", id));
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesTheRow()
    {
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);
        var page = map.Page;

        await map.OpenAssetAsync("manholes", id);
        await page.Locator("#delete-button").ClickAsync();
        await Expect(page.Locator("#dialog")).ToContainTextAsync("确定删除");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes where id = $1", id));
        await page.RunAndWaitForResponseAsync(() => page.Locator("#dialog button[data-choice=delete]").ClickAsync(),
            r => r.Request.Method == "DELETE" && r.Status == 204);

        await map.WaitForGoneAsync("manholes", id);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes where id = $1", id));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where asset_id = $1 and operation = 'delete'", id));
    }

    [Fact]
    public async Task ScriptInAName_IsShownAsTextAndNeverRuns()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat, name: hostile);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        var map = new MapPage(page, output);
        await map.OpenAsync(EditingZoom, Fengze.Lon, Fengze.Lat);

        await page.Locator("#search").FillAsync("onerror");
        await Expect(page.Locator("#search-results .search-name")).ToHaveTextAsync(hostile);
        await page.Locator("#search-results .search-result").First.ClickAsync();
        await Expect(page.Locator("#field-name")).ToHaveValueAsync(hostile);
        await page.Locator(".tab").Nth(1).ClickAsync();
        await Expect(page.Locator(".history-entry")).ToHaveCountAsync(1);
        await map.ScreenshotAsync("map-script-name");

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("#search-results img, #panel img").CountAsync());
        Assert.Equal(hostile, await Fixture.ScalarAsync<string>("select name from manholes where id = $1", id));
    }

    [Fact]
    public async Task SwitchToEnglish_ChangesTheLabels_AndEditsStillSave()
    {
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        await using var context = await browser.NewContextAsync();
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);
        var page = map.Page;
        await Expect(page.Locator("#add-button")).ToHaveTextAsync("新增");

        await page.Locator("#lang-button").ClickAsync();

        await Expect(page.Locator("#add-button")).ToHaveTextAsync("Add");
        await Expect(page.Locator(".brand strong")).ToHaveTextAsync("Quanzhou infrastructure asset registry");
        await Expect(page.Locator("#legend")).ToContainTextAsync("Bridge condition grade");
        await map.OpenAssetAsync("manholes", id);
        await Expect(page.Locator("[data-field=network] .field-title")).ToHaveTextAsync("Network");
        await Expect(page.Locator("#field-network option:checked")).ToHaveTextAsync("Rain");
        await page.Locator("#field-owner").FillAsync("Quanzhou Drainage");
        Assert.Equal(200, (await map.SaveAsync("PATCH")).Status);
        await map.ScreenshotAsync("map-english");

        // The choice is remembered: a reload stays in English.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await Expect(page.Locator("#add-button")).ToHaveTextAsync("Add");
        Assert.Equal("Quanzhou Drainage", await Fixture.ScalarAsync<string>("select owner from manholes where id = $1", id));
    }

    [Fact]
    public async Task PhoneScreen_ShowsTheMapAndTheFormAsASheet()
    {
        var (id, _) = await SeedManholeAsync(Fengze.Lon, Fengze.Lat);
        await using var context = await browser.NewContextAsync(width: 390, height: 844);
        var map = await OpenMapAsync(context, EditingZoom, Fengze.Lon, Fengze.Lat);

        await Expect(map.Page.Locator("#layers-panel")).Not.ToBeInViewportAsync();
        await map.OpenAssetAsync("manholes", id);
        await Expect(map.Page.Locator("#save-button")).ToBeVisibleAsync();
        await map.ScreenshotAsync("map-phone");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes where id = $1", id));
    }
}
