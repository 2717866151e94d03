using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Interchange;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>The map's export dialog in headless Chromium: choosing a layer, format and scope downloads the file.</summary>
public sealed class ExportDialogTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    [Fact]
    public async Task ExportCurrentViewAsCsv_DownloadsOnlyTheManholesInView()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new JsonObject { ["network"] = "rain", ["name"] = "泉州市丰泽区\"东湖\", 1号井" }));
        await c.CreateAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new JsonObject { ["network"] = "rain", ["name"] = "视野外" }));
        await using var context = await browser.NewContextAsync();
        var map = new MapPage(await context.NewPageAsync(), output);
        await map.OpenAsync(17, Fengze.Lon, Fengze.Lat);
        var page = map.Page;

        await page.Locator("#export-button").ClickAsync();
        await page.Locator("#export-collection").SelectOptionAsync("manholes");
        await page.Locator("#export-format").SelectOptionAsync("csv");
        await page.Locator("#export-scope-view").CheckAsync();
        await Expect(page.Locator("#export-count")).ToHaveTextAsync("将导出的要素数： 1");
        await Expect(page.Locator("#export-scope-selection")).ToBeDisabledAsync();
        await map.ScreenshotAsync("export-dialog");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-download").ClickAsync());

        Assert.Matches(@"^manholes-\d{8}\.csv$", download.SuggestedFilename);
        var directory = Directory.CreateTempSubdirectory("assetregistry-export-dialog-");
        try
        {
            var path = Path.Combine(directory.FullName, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            var features = (await Gdal.ReadLayerAsync(path, null, "GEOM_POSSIBLE_NAMES=wkt", "KEEP_GEOM_COLUMNS=NO"))["features"]!.AsArray();
            Assert.Equal("泉州市丰泽区\"东湖\", 1号井", Assert.Single(features)!["properties"]!["name"]!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ExportDrawnSelectionAsGeoPackage_DownloadsOnlyTheManholesInsideThePolygon()
    {
        var c = Fixture.Client();
        var (inside1, _, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new JsonObject { ["network"] = "rain", ["name"] = "框内一号" }));
        var (inside2, _, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.0004, Fengze.Lat + 0.0003), new JsonObject { ["network"] = "sewage", ["name"] = "框内二号" }));
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.0015, Fengze.Lat), new JsonObject { ["network"] = "rain", ["name"] = "框外" }));
        await using var context = await browser.NewContextAsync();
        var map = new MapPage(await context.NewPageAsync(), output);
        await map.OpenAsync(17, Fengze.Lon + 0.0005, Fengze.Lat);
        var page = map.Page;

        await page.Locator("#select-button").ClickAsync();
        (double Lon, double Lat)[] corners = [(Fengze.Lon - 0.0003, Fengze.Lat - 0.0003), (Fengze.Lon + 0.0008, Fengze.Lat - 0.0003),
            (Fengze.Lon + 0.0008, Fengze.Lat + 0.0006), (Fengze.Lon - 0.0003, Fengze.Lat + 0.0006)];
        foreach (var (lon, lat) in corners.Append(corners[0]))
        {
            var (x, y) = await map.PointOfAsync(lon, lat);
            await page.Mouse.ClickAsync(x, y);
        }
        await Expect(page.Locator("#panel .selection-count")).ToHaveTextAsync("2 个资产");
        await Expect(page.Locator("#panel .panel-body")).Not.ToContainTextAsync("null");
        await page.Locator("#export-selection").ClickAsync();
        await Expect(page.Locator("#export-scope-selection")).ToBeCheckedAsync();
        await map.ScreenshotAsync("export-dialog-selection");
        await page.Locator("#export-collection").SelectOptionAsync("manholes");
        await page.Locator("#export-format").SelectOptionAsync("geopackage");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-download").ClickAsync());

        Assert.Matches(@"^manholes-\d{8}\.gpkg$", download.SuggestedFilename);
        var directory = Directory.CreateTempSubdirectory("assetregistry-export-dialog-");
        try
        {
            var path = Path.Combine(directory.FullName, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            var ids = (await Gdal.ReadLayerAsync(path, "manholes"))["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).Order();
            Assert.Equal([inside1, inside2], ids);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
