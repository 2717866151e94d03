using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>The OGC API's HTML pages in headless Chromium: what a user sees when opening /ogc in a browser,
/// under the strict CSP (no inline script), with the vendored Leaflet drawing the page's features.</summary>
public sealed class OgcPagesBrowserTests(RegistryFixture fixture, MapBrowserFixture browser)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    [Fact]
    public async Task ItemsPage_OpenedInTheBrowser_ListsAndMapsTheFeatures_WithoutCspViolations()
    {
        var c = Fixture.Client();
        for (var i = 0; i < 3; i++)
            await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.0005, Fengze.Lat),
                new JsonObject { ["network"] = "rain", ["name"] = i == 0 ? "<script>alert('x')</script>" : $"井{i}" }));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        page.Dialog += (_, d) => problems.Add("dialog: " + d.Message);

        var response = await page.GotoAsync("/ogc/collections/manholes/items");
        Assert.Equal("text/html; charset=utf-8", response!.Headers["content-type"]);
        await Expect(page.Locator("#ogc-map")).ToHaveAttributeAsync("data-features", "3");
        await Expect(page.Locator("h1")).ToHaveTextAsync("检查井·井盖");
        await Expect(page.Locator("#number-matched")).ToHaveTextAsync("3");
        await Expect(page.Locator("#features tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#features tbody")).ToContainTextAsync("<script>alert('x')</script>");
        await Expect(page.Locator(".leaflet-interactive")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "ogc-items-page.png"), FullPage = true });
        Assert.Empty(problems);

        await page.Locator("#json-link").ClickAsync();
        Assert.Contains("\"FeatureCollection\"", await page.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task OgcPage_OpenedBeforeSigningIn_SendsToTheLoginPage_ThenBackToThePage()
    {
        await using var context = await browser.NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ogc/collections");
        Assert.Contains("/login", page.Url);
        await page.Locator("input[name=username]").FillAsync("t_viewer");
        await page.Locator("input[name=password]").FillAsync(RegistryFixture.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("要素集合");
        Assert.EndsWith("/ogc/collections", page.Url);
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(8);
    }
}
